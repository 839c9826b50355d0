using Microsoft.Data.Sqlite;
using Portal.Data;

namespace Portal.Cli;

/// <summary>
/// An online backup of the live SQLite database through SQLite's backup API: a consistent snapshot
/// even while the portal is writing, written to a temporary file and renamed into place.
/// </summary>
public sealed class BackupVerb : ICliVerb
{
    public string Name => "backup";
    public string Summary => "在线备份数据库到文件（网站运行时也可执行）";
    public string Usage => "backup FILE [--force]";

    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        var force = args.Contains("--force");
        var rest = args.Where(a => a != "--force").ToArray();
        if (rest.Length != 1) return ctx.UsageError(this, "请指定一个备份文件路径。");
        if (rest[0].StartsWith('-')) return ctx.UsageError(this, $"未知选项：{rest[0]}");
        var target = Path.GetFullPath(rest[0]);
        if (File.Exists(target) && !force)
        {
            ctx.Err.WriteLine($"错误：文件已存在：{target}（如需覆盖请加 --force）");
            return CliExit.Failure;
        }
        var dir = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(dir))
        {
            ctx.Err.WriteLine($"错误：目录不存在：{dir}");
            return CliExit.Failure;
        }

        var source = ctx.Services.GetRequiredService<PortalConnection>();
        if (source.IsPostgres)
        {
            ctx.Err.WriteLine("错误：backup 只适用于 SQLite。PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump -Fc -f portal.dump DBNAME");
            ctx.Err.WriteLine("Error: backup works on SQLite only. Back up a PostgreSQL database with pg_dump, e.g. pg_dump -Fc -f portal.dump DBNAME");
            return CliExit.Failure;
        }
        var counts = await BackupAsync(source.ConnectionString, target);
        ctx.Out.WriteLine($"已备份到 {target}（{new FileInfo(target).Length / 1024} KB，文档 {counts.Documents} 篇，用户 {counts.Users} 个）");
        return CliExit.Ok;
    }

    public record Counts(long Documents, long Users);

    public static async Task<Counts> BackupAsync(string sourceConnectionString, string target)
    {
        var temp = target + ".tmp";
        File.Delete(temp);
        using (var src = new SqliteConnection(sourceConnectionString))
        using (var dst = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString()))
        {
            await src.OpenAsync();
            await dst.OpenAsync();
            src.BackupDatabase(dst);
            using var cmd = dst.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=DELETE;";
            await cmd.ExecuteNonQueryAsync();
        }
        File.Move(temp, target, overwrite: true);
        using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await check.OpenAsync();
        return new Counts(Scalar(check, "SELECT count(*) FROM Documents"), Scalar(check, "SELECT count(*) FROM AspNetUsers"));
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }
}
