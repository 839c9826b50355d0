using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cli;

/// <summary>The command line on a PostgreSQL database: verify checks what makes sense there; backup points to pg_dump.</summary>
[Trait("Provider", "PostgresDirect")] // opens PostgreSQL itself: runs in the first pass, not again in the PostgreSQL pass
public sealed class CliOnPostgresTests : IDisposable
{
    private readonly CliTestHost _host = new();
    private readonly PostgresTestDatabase? _database = PostgresTestDatabase.ServerConnectionString is null ? null : new PostgresTestDatabase();

    public CliOnPostgresTests()
    {
        if (_database is not null)
        {
            var settings = new Dictionary<string, string>();
            PortalProcess.UsePostgres(settings, _database.ConnectionString);
            foreach (var (k, v) in settings) _host.Settings[k] = v;
        }
    }

    [PostgresFact]
    public async Task SeedThenVerify_FindsNothingWrong_OnPostgreSql()
    {
        var seed = await _host.RunAsync(null, "seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Out + seed.Err);
        var verify = await _host.RunAsync(null, "verify");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        Assert.Contains("数据库完整性", verify.Out);
        Assert.False(File.Exists(_host.DatabasePath), "no SQLite file is created on PostgreSQL");
    }

    [PostgresFact]
    public async Task Backup_OnPostgreSql_PointsToPgDump_AndFails()
    {
        var target = Path.Combine(_host.DataDirectory, "backup.db");
        var (code, output, err) = await _host.RunAsync(null, "backup", target);
        Assert.Equal(1, code);
        Assert.Contains("pg_dump", err);
        Assert.DoesNotContain("Unhandled", output + err);
        Assert.False(File.Exists(target));
    }

    public void Dispose()
    {
        _host.Dispose();
        _database?.Dispose();
    }
}
