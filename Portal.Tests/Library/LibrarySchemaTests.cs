using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Library;

[Trait("Provider", "SqliteOnly")]
public class LibrarySchemaTests
{
    private static List<string> Describe(string file)
    {
        using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        c.Open();
        var rows = new List<string>();
        foreach (var table in new[] { "Documents", "SourceFiles" })
        {
            foreach (var pragma in new[] { "table_info", "foreign_key_list", "index_list" })
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"PRAGMA {pragma}({table})";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    var values = new object[r.FieldCount];
                    r.GetValues(values);
                    // index_list's seq column depends on creation order, not on the schema.
                    var shown = pragma == "index_list" ? values.Skip(1) : pragma == "foreign_key_list" ? values.Skip(2) : values;
                    rows.Add($"{table} {pragma} {string.Join("|", shown)}");
                }
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    [Fact]
    public async Task Migration_BuildsTheSameLibrarySchema_AsTheModel()
    {
        var dir = Directory.CreateTempSubdirectory("libschema").FullName;
        var migrated = Path.Combine(dir, "m.db");
        var created = Path.Combine(dir, "c.db");
        await using (var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={migrated};Pooling=False").Options))
            await db.Database.MigrateAsync();
        await using (var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={created};Pooling=False").Options))
            await db.Database.EnsureCreatedAsync();
        var m = Describe(migrated);
        var c = Describe(created);
        Assert.Contains(m, r => r.Contains("index_list") && r.Contains("IX_Documents_DuplicateOfId"));
        Assert.Contains(m, r => r.StartsWith("SourceFiles table_info") && r.Contains("Sha256"));
        Assert.Equal(c, m);
    }
}
