using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// Migrations are written by hand, so this proves they build exactly the schema the EF model describes, on SQLite and
/// (with PORTAL_TEST_POSTGRES) on PostgreSQL. Runs in the first pass only: it picks its providers itself.
/// </summary>
[Trait("Provider", "SqliteOnly")]
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

    [PostgresFact]
    public async Task Migrations_BuildTheSameSchema_AsTheModel_OnPostgreSql()
    {
        using var migrated = new PostgresTestDatabase();
        using var created = new PostgresTestDatabase();
        await using (var db = PostgresContext(migrated)) await DatabaseSetup.MigrateAsync(db);
        await using (var db = PostgresContext(created)) await db.Database.EnsureCreatedAsync();

        var a = PostgresSchema(migrated.ConnectionString);
        var b = PostgresSchema(created.ConnectionString);
        Assert.NotEmpty(b);
        Assert.Contains("DataProtectionKeys", b.Keys);
        Assert.Equal(b.Keys.Order(), a.Keys.Order());
        foreach (var table in b.Keys)
            Assert.Equal(b[table], a[table]);
    }

    [PostgresFact]
    public async Task Migrations_AreAllApplied_AndIdempotent_OnPostgreSql()
    {
        using var database = new PostgresTestDatabase();
        await using (var db = PostgresContext(database)) await DatabaseSetup.MigrateAsync(db);
        await using (var db = PostgresContext(database))
        {
            await DatabaseSetup.MigrateAsync(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }
    }

    [Fact]
    public void MigrationIds_AreUnique()
    {
        var ids = typeof(PortalDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().FirstOrDefault()?.Id)
            .Where(id => id is not null).ToList();
        Assert.True(ids.Count >= 9);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Select(id => id![..14]).Distinct().Count());
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

    private static PortalDbContext PostgresContext(PostgresTestDatabase database) =>
        new((DbContextOptions<PortalDbContext>)DatabaseSetup.Configure(new DbContextOptionsBuilder<PortalDbContext>(),
            new PortalConnection(database.ConnectionString, DatabaseProvider.PostgreSQL)).Options);

    /// <summary>Each table of the public schema (but EF's history) described as sorted lines: columns, indexes, constraints.</summary>
    internal static Dictionary<string, string> PostgresSchema(string connectionString)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        var lines = new List<string[]>();
        lines.AddRange(Query(c, """
            SELECT table_name, 'col ' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') || ' identity=' || coalesce(identity_generation, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """));
        lines.AddRange(Query(c, "SELECT tablename, 'idx ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"));
        lines.AddRange(Query(c, """
            SELECT conrelid::regclass::text, 'con ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """));
        return lines.Select(l => (Table: l[0].Trim('"'), Line: l[1]))
            .Where(l => l.Table is not ("__EFMigrationsHistory" or "__EFMigrationsLock"))
            .GroupBy(l => l.Table)
            .ToDictionary(g => g.Key, g => string.Join("\n", g.Select(l => l.Line).Order(StringComparer.Ordinal)));
    }

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

    private static List<string[]> Query(System.Data.Common.DbConnection c, string sql)
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
