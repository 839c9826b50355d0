using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>Migrations are written by hand, so this proves they build exactly the schema the EF model describes.</summary>
public class MigrationSchemaTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "portal-schema", Guid.NewGuid().ToString("N"));

    public MigrationSchemaTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task Migrations_BuildTheSameSchema_AsTheModel()
    {
        var migrated = Path.Combine(_dir, "migrated.db");
        var created = Path.Combine(_dir, "created.db");
        await using (var db = Context(migrated)) await DatabaseSetup.MigrateAsync(db);
        await using (var db = Context(created)) await db.Database.EnsureCreatedAsync();

        var a = Schema(migrated);
        var b = Schema(created);
        Assert.NotEmpty(b);
        Assert.Equal(b.Keys.Order(), a.Keys.Order());
        foreach (var table in b.Keys)
            Assert.Equal(b[table], a[table]);
    }

    [Fact]
    public async Task Migrations_AreAllApplied_AndIdempotent()
    {
        var file = Path.Combine(_dir, "twice.db");
        await using (var db = Context(file)) await DatabaseSetup.MigrateAsync(db);
        await using (var db = Context(file))
        {
            await DatabaseSetup.MigrateAsync(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        }
    }

    private static PortalDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite($"Data Source={file};Pooling=False")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options);

    /// <summary>Each EF-managed table described as sorted lines: columns, indexes, foreign keys.</summary>
    internal static Dictionary<string, string> Schema(string file)
    {
        using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        c.Open();
        var tables = Query(c, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
            .Select(r => r[0]).ToList();
        // FTS5 shadow tables belong to the search engine, which creates them itself.
        tables = tables.Where(t => !Query(c, "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
            .Any(v => t.StartsWith(v[0] + "_", StringComparison.Ordinal))).ToList();
        var schema = new Dictionary<string, string>();
        foreach (var t in tables)
        {
            var lines = new List<string>();
            lines.AddRange(Query(c, $"PRAGMA table_info(\"{t}\")").Select(r => $"col {r[1]} {r[2]} notnull={r[3]} default={r[4]} pk={r[5]}"));
            foreach (var idx in Query(c, $"PRAGMA index_list(\"{t}\")"))
            {
                var cols = string.Join(",", Query(c, $"PRAGMA index_info(\"{idx[1]}\")").Select(r => r[2]));
                lines.Add($"idx {idx[1]} unique={idx[2]} origin={idx[3]} ({cols})");
            }
            lines.AddRange(Query(c, $"PRAGMA foreign_key_list(\"{t}\")").Select(r => $"fk {r[3]} -> {r[2]}.{r[4]} on_delete={r[6]}"));
            lines.Sort(StringComparer.Ordinal);
            schema[t] = string.Join("\n", lines);
        }
        return schema;
    }

    private static List<string[]> Query(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (r.Read())
            rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i))!).ToArray());
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
