using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// Everything a request could have changed: a digest of every table of the database (search index included) and the
/// files of the data directory. Two snapshots are equal when nothing was written.
/// </summary>
public sealed record StateSnapshot(IReadOnlyDictionary<string, string> Tables, IReadOnlyList<string> Files)
{
    public static StateSnapshot Take(PortalFactory factory)
    {
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using (var c = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            c.Open();
            var names = new List<string>();
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name";
                using var r = cmd.ExecuteReader();
                while (r.Read()) names.Add(r.GetString(0));
            }
            foreach (var name in names)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT * FROM \"{name}\"";
                using var r = cmd.ExecuteReader();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var rows = 0;
                while (r.Read())
                {
                    rows++;
                    for (var i = 0; i < r.FieldCount; i++)
                        hash.AppendData(Encoding.UTF8.GetBytes((r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "\u001f"));
                    hash.AppendData("\u001e"u8);
                }
                tables[name] = $"{rows} rows {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
            }
        }
        var files = Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(factory.DataDirectory, f))
            .Where(f => !f.StartsWith("portal.db", StringComparison.Ordinal) && !f.StartsWith("keys", StringComparison.Ordinal))
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
