using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cli;

/// <summary>Runs the real portal executable (Portal.dll beside the tests) as a separate process, on a database of its own.</summary>
public sealed class CliTestHost : IDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-cli", Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");

    /// <summary>Settings for every run, as environment variables (<c>Portal__Library__BulkBatchSize</c> …).</summary>
    public Dictionary<string, string> Settings { get; } = new() { ["Portal__Admin__Password"] = "cli-admin-2026" };

    public CliTestHost() => Directory.CreateDirectory(DataDirectory);

    /// <summary>Starts a verb and returns at once (to watch its progress, or to kill it half-way).</summary>
    public PortalProcess Start(params string[] args) => PortalProcess.Start(DataDirectory, Settings, null, args);

    public async Task<(int ExitCode, string Out, string Err)> RunAsync(string? stdin, params string[] args)
    {
        using var p = PortalProcess.Start(DataDirectory, Settings, stdin, args);
        return await p.WaitForExitAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>One value from the portal's SQLite file (read while no verb runs, or between them).</summary>
    public long Scalar(string sql)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}
