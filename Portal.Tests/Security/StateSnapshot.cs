using System.Security.Cryptography;
using System.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// Everything a request could have changed: a digest of every table of the database (search change rows included) and
/// the files of the data directory (the derived search index aside). Two snapshots are equal when nothing was written.
/// </summary>
public sealed record StateSnapshot(IReadOnlyDictionary<string, string> Tables, IReadOnlyList<string> Files)
{
    public static StateSnapshot Take(PortalFactory factory)
    {
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var connection = factory.Connection;
        using (var c = connection.Open())
        {
            var names = new List<string>();
            using (var cmd = c.CreateCommand())
            {
                // Data Protection keys are created on first use, like the keys directory on SQLite (skipped below).
                cmd.CommandText = connection.IsPostgres
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'DataProtectionKeys' ORDER BY 1"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name <> 'DataProtectionKeys' ORDER BY name";
                using var r = cmd.ExecuteReader();
                while (r.Read()) names.Add(r.GetString(0));
            }
            foreach (var name in names)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT * FROM \"{name}\"";
                using var r = cmd.ExecuteReader();
                // Rows sorted by their text: PostgreSQL returns rows in no fixed order.
                var rows = new List<string>();
                while (r.Read())
                    rows.Add(string.Concat(Enumerable.Range(0, r.FieldCount).Select(i =>
                        (r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "\u001f")));
                rows.Sort(StringComparer.Ordinal);
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001e", rows)));
                tables[name] = $"{rows.Count} rows {Convert.ToHexString(hash)[..16]}";
            }
        }
        var files = Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(factory.DataDirectory, f))
            // The search index is derived: its files change whenever the follower applies earlier changes or Lucene merges,
            // on its own time. A request that writes anything for search records a row in the SearchChanges table above.
            .Where(f => !f.StartsWith("portal.db", StringComparison.Ordinal) && !f.StartsWith("keys", StringComparison.Ordinal)
                        && !f.StartsWith("search-index", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        return new StateSnapshot(tables, files);
    }

    /// <summary>What differs from <paramref name="before"/>, one line per table or file (empty when nothing changed).</summary>
    public IReadOnlyList<string> ChangesSince(StateSnapshot before) =>
        Tables.Where(t => !before.Tables.TryGetValue(t.Key, out var b) || b != t.Value).Select(t => $"table {t.Key}: {t.Value}")
            .Concat(Files.Except(before.Files).Select(f => "new file " + f))
            .Concat(before.Files.Except(Files).Select(f => "removed file " + f))
            .ToList();
}
