using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Data;
using Portal.Pages.Search;

namespace Portal.Cli;

/// <summary>
/// <c>migrate-to --provider PostgreSQL --connection "…"</c>: copies this (SQLite) portal into an empty PostgreSQL
/// database — schema by the same migrations, every table's rows, then the search index rebuilt there — and verifies
/// the row counts. The SQLite database is only read. Uploaded originals stay in the data directory, which the
/// PostgreSQL instances share.
/// </summary>
public sealed class MigrateToVerb : ICliVerb
{
    public string Name => "migrate-to";
    public string Summary => "把本门户（SQLite）迁移到一个空的 PostgreSQL 数据库并核对行数";
    public string Usage => "migrate-to --provider PostgreSQL --connection \"Host=…;Database=…;Username=…\"";

    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        string? provider = null, connection = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length) return ctx.UsageError(this, $"{args[i]} 后缺少取值。");
            switch (args[i])
            {
                case "--provider": provider = args[++i]; break;
                case "--connection": connection = args[++i]; break;
                default: return ctx.UsageError(this, $"未知参数：{args[i]}");
            }
        }
        if (!string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
            return ctx.UsageError(this, "--provider 目前只支持 PostgreSQL。");
        if (string.IsNullOrWhiteSpace(connection)) return ctx.UsageError(this, "请用 --connection 给出 PostgreSQL 连接串。");
        try { _ = new NpgsqlConnectionStringBuilder(connection); }
        catch (ArgumentException ex) { return ctx.UsageError(this, $"连接串无效：{ex.Message}"); }

        using var sourceScope = ctx.Services.CreateScope();
        var source = sourceScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!source.Database.IsSqlite())
        {
            ctx.Err.WriteLine("错误：当前门户已不在 SQLite 上，migrate-to 只从 SQLite 迁出。");
            return CliExit.Failure;
        }

        await using var targetServices = CliRunner.CreateServices(new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Portal"] = connection,
        });
        using var targetScope = targetServices.CreateScope();
        var target = targetScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        try
        {
            ctx.Out.WriteLine("在目标数据库上建立表结构……");
            await DatabaseSetup.MigrateAsync(target);
        }
        catch (NpgsqlException ex)
        {
            ctx.Err.WriteLine($"错误：无法连接或初始化目标数据库：{ex.Message}");
            return CliExit.Failure;
        }

        var sourceConnection = source.Database.GetDbConnection();
        await source.Database.OpenConnectionAsync();
        var targetConnection = (NpgsqlConnection)target.Database.GetDbConnection();
        await target.Database.OpenConnectionAsync();

        var occupied = await DatabaseCopier.NonEmptyTablesAsync(targetConnection, target.Model, CancellationToken.None);
        if (occupied.Count > 0)
        {
            ctx.Err.WriteLine("错误：目标数据库已有数据（" + string.Join("、", occupied.Select(o => $"{o.Table} {o.Rows} 行")) +
                "），为免覆盖，未做任何复制。请指定一个空数据库。");
            return CliExit.Failure;
        }

        var counts = await DatabaseCopier.CopyAsync(sourceConnection, targetConnection, target.Model, (table, done, total) =>
            ctx.Out.Write(string.Create(CultureInfo.InvariantCulture, $"\r复制 {table}：{done}/{total}          ")), CancellationToken.None);
        ctx.Out.WriteLine();
        foreach (var c in counts.Where(c => c.Source > 0))
            ctx.Out.WriteLine($"  ✓ {c.Table}：{c.Source} 行");

        ctx.Out.WriteLine("在目标数据库上重建全文检索索引……");
        var indexed = await targetScope.ServiceProvider.GetRequiredService<SearchIndexFollower>().RebuildAsync(p =>
            ctx.Out.Write(string.Create(CultureInfo.InvariantCulture, $"\r已索引 {p.Done}/{p.Total}   ")));
        ctx.Out.WriteLine();

        var problems = await VerifyChecks.RunAllAsync(targetScope.ServiceProvider, ctx.Out);
        if (problems > 0)
        {
            ctx.Err.WriteLine($"错误：目标数据库检查发现 {problems} 个问题。");
            return CliExit.Failure;
        }
        var dataDirectory = DatabaseSetup.DataDirectory(
            sourceScope.ServiceProvider.GetRequiredService<IConfiguration>(), sourceScope.ServiceProvider.GetRequiredService<IHostEnvironment>());
        ctx.Out.WriteLine($"迁移完成：{counts.Count(c => c.Source > 0)} 张表共 {counts.Sum(c => c.Source)} 行，索引 {indexed} 篇，行数核对一致。");
        ctx.Out.WriteLine("下一步：各实例配置 Portal__Database__Provider=PostgreSQL 与 ConnectionStrings__Portal=（上面的连接串），");
        ctx.Out.WriteLine($"并共用数据目录 {dataDirectory}（上传的原件在其中）。");
        return CliExit.Ok;
    }
}
