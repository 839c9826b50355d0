using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cli;

/// <summary><c>migrate-to</c>: a demo portal on SQLite copied into PostgreSQL, run as the real executable.</summary>
[Trait("Provider", "SqliteOnly")] // starts from SQLite by definition; runs in the SQLite pass with a PostgreSQL server
public sealed class MigrateToTests : IDisposable
{
    private readonly CliTestHost _host = new();
    private PostgresTestDatabase? _pg;

    private PostgresTestDatabase Pg => _pg ??= new PostgresTestDatabase();

    [PostgresFact]
    public async Task CopiesEveryTable_RebuildsTheIndex_AndThePortalRunsOnTheCopy()
    {
        Assert.Equal(0, (await _host.RunAsync(null, "seed-demo")).ExitCode);

        var (code, output, err) = await _host.RunAsync(null, "migrate-to", "--provider", "PostgreSQL", "--connection", Pg.ConnectionString);
        Assert.True(code == 0, output + err);
        Assert.Contains("行数核对一致", output);

        // Every table has the same rows on both sides, and typed values survive (dates, decimals, Chinese text).
        using var sqlite = new SqliteConnection($"Data Source={_host.DatabasePath};Mode=ReadOnly;Pooling=False");
        sqlite.Open();
        await using var pg = new NpgsqlConnection(Pg.ConnectionString);
        await pg.OpenAsync();
        var tables = Strings(sqlite, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search%' AND name NOT LIKE '!_!_EF%' ESCAPE '!'");
        Assert.Contains("Documents", tables);
        Assert.Contains("Submissions", tables);
        foreach (var t in tables)
            Assert.True(Scalar(sqlite, $"SELECT COUNT(*) FROM \"{t}\"") == Scalar(pg, $"SELECT COUNT(*) FROM \"{t}\""), $"rows of {t} differ");
        Assert.True(Scalar(sqlite, "SELECT COUNT(*) FROM \"Documents\"") > 0);
        const string docs = "SELECT \"Id\", \"Title\", \"DocDate\", \"CreatedAt\", \"Body\" FROM \"Documents\" ORDER BY \"Id\" LIMIT 50";
        var fromSqlite = Documents(sqlite, docs);
        var fromPg = Documents(pg, docs);
        Assert.Equal(fromSqlite.Select(d => (d.Item1, d.Item2, d.Item3, d.Item5)), fromPg.Select(d => (d.Item1, d.Item2, d.Item3, d.Item5)));
        // PostgreSQL keeps microseconds, .NET ticks are 100 ns.
        Assert.All(fromSqlite.Zip(fromPg), p => Assert.True(Math.Abs((p.First.Item4 - p.Second.Item4).Ticks) < 10, $"{p.First.Item4:O} ≠ {p.Second.Item4:O}"));
        Assert.Equal(
            Strings(sqlite, "SELECT \"UserName\" || '|' || \"PasswordHash\" FROM \"AspNetUsers\" ORDER BY \"Id\""),
            Strings(pg, "SELECT \"UserName\" || '|' || \"PasswordHash\" FROM \"AspNetUsers\" ORDER BY \"Id\""));

        // New rows get fresh ids after the copied ones.
        var maxId = Scalar(pg, "SELECT MAX(\"Id\") FROM \"Units\"");
        var next = Scalar(pg, "INSERT INTO \"Units\" (\"Name\", \"Kind\", \"SortOrder\", \"IsActive\") VALUES ('迁移后新增单位', 0, 999, TRUE) RETURNING \"Id\"");
        Assert.True(next > maxId);

        // The portal on the copy: verify passes and search finds the demo documents.
        var onPg = new Dictionary<string, string>
        {
            ["Portal__Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Portal"] = Pg.ConnectionString,
        };
        foreach (var (k, v) in onPg) _host.Settings[k] = v;
        var verify = await _host.RunAsync(null, "verify");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        var search = await _host.RunAsync(null, "search", "督办", "--json");
        Assert.True(search.ExitCode == 0, search.Err);
        Assert.NotEmpty(search.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [PostgresFact]
    public async Task RefusesATargetThatHoldsData_AndChangesNothing()
    {
        Assert.Equal(0, (await _host.RunAsync(null, "seed-demo")).ExitCode);
        Assert.Equal(0, (await _host.RunAsync(null, "migrate-to", "--provider", "PostgreSQL", "--connection", Pg.ConnectionString)).ExitCode);
        await using var pg = new NpgsqlConnection(Pg.ConnectionString);
        await pg.OpenAsync();
        var before = Scalar(pg, "SELECT COUNT(*) FROM \"Documents\"");

        var (code, _, err) = await _host.RunAsync(null, "migrate-to", "--provider", "PostgreSQL", "--connection", Pg.ConnectionString);
        Assert.Equal(1, code);
        Assert.Contains("目标数据库已有数据", err);
        Assert.Equal(before, Scalar(pg, "SELECT COUNT(*) FROM \"Documents\""));
    }

    [Fact]
    public async Task AnUnreachableServer_GivesAClearMessage()
    {
        var (code, _, err) = await _host.RunAsync(null, "migrate-to", "--provider", "PostgreSQL",
            "--connection", "Host=127.0.0.1;Port=1;Username=portal;Database=nowhere;Timeout=3");
        Assert.Equal(1, code);
        Assert.Contains("无法连接", err);
    }

    [Theory]
    [InlineData("--provider", "Oracle", "--connection", "Host=x")]
    [InlineData("--provider", "PostgreSQL")]
    [InlineData("--provider", "PostgreSQL", "--connection", "Nonsense=1;;=")]
    public async Task BadArguments_Return2(params string[] args)
    {
        var (code, _, err) = await _host.RunAsync(null, ["migrate-to", .. args]);
        Assert.Equal(2, code);
        Assert.Contains("错误", err);
    }

    private static long Scalar(System.Data.Common.DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static List<string> Strings(System.Data.Common.DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    private static List<(int, string, DateOnly?, DateTime, string)> Documents(System.Data.Common.DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<(int, string, DateOnly?, DateTime, string)>();
        while (r.Read())
            list.Add((r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.GetDateTime(3), r.GetString(4)));
        Assert.NotEmpty(list);
        return list;
    }

    public void Dispose()
    {
        _host.Dispose();
        _pg?.Dispose();
    }
}
