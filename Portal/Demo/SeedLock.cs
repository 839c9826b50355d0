using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Data;

namespace Portal.Demo;

/// <summary>
/// Held while the demo data is seeded, so that instances starting together on an empty database seed it once: the
/// others wait for it, then find the database seeded. On PostgreSQL a session advisory lock (released by the server
/// when the holder's connection ends, a killed instance included); on SQLite a lock on a file beside the database (the
/// kernel releases it when the process dies). Not a database write lock: the seeders write on connections of their own.
/// </summary>
public sealed class SeedLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key: any number no other code of the portal uses.</summary>
    private const long AdvisoryKey = 0x506F7274616C01; // "Portal" 1

    private readonly NpgsqlConnection? _postgres;
    private readonly FileStream? _file;

    private SeedLock(NpgsqlConnection? postgres, FileStream? file) => (_postgres, _file) = (postgres, file);

    public static async Task<SeedLock> AcquireAsync(PortalConnection connection, CancellationToken ct)
    {
        if (connection.IsPostgres)
        {
            var pg = new NpgsqlConnection(connection.ConnectionString);
            await pg.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", pg);
            cmd.Parameters.AddWithValue("key", AdvisoryKey);
            cmd.CommandTimeout = 0; // as long as the other instance seeds
            await cmd.ExecuteNonQueryAsync(ct);
            return new SeedLock(pg, null);
        }
        var source = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:") return new SeedLock(null, null);
        while (true)
        {
            try
            {
                return new SeedLock(null, new FileStream(Path.GetFullPath(source) + ".seed-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_file is not null) await _file.DisposeAsync();
    }
}
