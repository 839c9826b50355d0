using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Cli;
using Portal.Data;

namespace Portal.Tests.Cli;

[Trait("Provider", "SqliteOnly")]
public class BackupTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "portal-backup", Guid.NewGuid().ToString("N"));
    private string Source => Path.Combine(_dir, "live.db");
    private string SourceConnection => $"Data Source={Source}";

    public BackupTests() => Directory.CreateDirectory(_dir);

    private async Task CreateLiveDatabaseAsync()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(SourceConnection)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options;
        await using var db = new PortalDbContext(options);
        await DatabaseSetup.MigrateAsync(db);
        db.Units.Add(new Unit { Name = "测试单位", Kind = UnitKind.CityDepartment });
        await db.SaveChangesAsync();
    }

    private static void InsertDocument(SqliteConnection c, int i)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO Documents (Title, DocType, Visibility, Body, ContentHash, CreatedAt, UpdatedAt) VALUES ($t, '通知', 0, $b, $h, '2026-01-01', '2026-01-01')";
        cmd.Parameters.AddWithValue("$t", $"关于第{i}项工作的通知");
        cmd.Parameters.AddWithValue("$b", new string('文', 2000) + i);
        cmd.Parameters.AddWithValue("$h", i.ToString("x64"));
        cmd.ExecuteNonQuery();
    }

    private static long Count(string file, string table)
    {
        using var c = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task Backup_OfAQuietDatabase_HoldsTheSameRowCounts()
    {
        await CreateLiveDatabaseAsync();
        using (var c = new SqliteConnection(SourceConnection)) { c.Open(); for (var i = 0; i < 300; i++) InsertDocument(c, i); }
        var target = Path.Combine(_dir, "quiet.db");
        var counts = await BackupVerb.BackupAsync(SourceConnection, target);
        Assert.Equal(300, counts.Documents);
        foreach (var table in new[] { "Documents", "Units", "__EFMigrationsHistory" })
            Assert.Equal(Count(Source, table), Count(target, table));
    }

    [Fact]
    public async Task Backup_WhileUsersWrite_IsAConsistentDatabase()
    {
        await CreateLiveDatabaseAsync();
        var start = Count(Source, "Documents");
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(() =>
        {
            using var c = new SqliteConnection(SourceConnection);
            c.Open();
            using (var wal = c.CreateCommand()) { wal.CommandText = "PRAGMA busy_timeout=10000"; wal.ExecuteNonQuery(); }
            while (!stop.IsCancellationRequested)
                InsertDocument(c, Interlocked.Increment(ref written));
        });
        // Until the writer has committed rows of its own (a fixed wait was too short on a busy machine); it goes on
        // writing during the backup.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Count(Source, "Documents") < start + 20 && DateTime.UtcNow < deadline && !writer.IsCompleted) await Task.Delay(10);
        var before = Count(Source, "Documents");
        var target = Path.Combine(_dir, "busy.db");
        var counts = await BackupVerb.BackupAsync(SourceConnection, target);
        var after = Count(Source, "Documents");
        stop.Cancel();
        await writer;

        Assert.True(before >= start + 20, $"the writer committed {before - start} rows in a minute");
        Assert.InRange(counts.Documents, before, after);
        using var check = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var cmd = check.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", cmd.ExecuteScalar());
        // Every row in the copy is whole: the last body still ends with its own number.
        cmd.CommandText = "SELECT count(*) FROM Documents WHERE length(Body) < 2001";
        Assert.Equal(0L, cmd.ExecuteScalar());
    }

    [Fact]
    public async Task Backup_RefusesToOverwrite_WithoutForce()
    {
        var target = Path.Combine(_dir, "exists.db");
        await File.WriteAllTextAsync(target, "keep me");
        var err = new StringWriter();
        var code = await CliRunner.RunAsync(new[] { "backup", target }, new StringReader(""), new StringWriter(), err);
        Assert.Equal(1, code);
        Assert.Contains("--force", err.ToString());
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
