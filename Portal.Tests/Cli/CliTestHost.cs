using System.Diagnostics;

namespace Portal.Tests.Cli;

/// <summary>Runs the real portal executable (Portal.dll beside the tests) as a separate process, on a database of its own.</summary>
public sealed class CliTestHost : IDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-cli", Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");

    public CliTestHost() => Directory.CreateDirectory(DataDirectory);

    public async Task<(int ExitCode, string Out, string Err)> RunAsync(string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Portal"] = $"Data Source={DatabasePath}";
        psi.Environment["Portal__DataDirectory"] = DataDirectory;
        psi.Environment["Portal__Admin__Password"] = "cli-admin-2026";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("the CLI did not finish in 3 minutes: " + string.Join(' ', args));
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}
