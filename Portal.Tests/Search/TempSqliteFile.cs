using Microsoft.Data.Sqlite;

namespace Portal.Tests.Search;

/// <summary>A SQLite database in a fresh temporary file, opened without pooling; deleted with its WAL on dispose.</summary>
internal sealed class TempSqliteFile(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    public SqliteConnection Open()
    {
        var c = new SqliteConnection($"Data Source={Path};Pooling=False");
        c.Open();
        return c;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { Path, Path + "-wal", Path + "-shm" }) File.Delete(f);
    }
}
