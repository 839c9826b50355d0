using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real portal executable (Portal.dll beside the tests) as a child process on a data directory of its own: a verb
/// or the web server. Output is read as it comes (progress lines end in \r or not at all), so a test can wait for a
/// line and kill the process half-way, as an operator's Ctrl+C or a power cut would.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly Task _pumps;

    private PortalProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(Pump(process.StandardOutput, _out), Pump(process.StandardError, _err));
    }

    /// <param name="settings">Configuration as environment variables (<c>Section__Key</c>), over the data directory's defaults.</param>
    public static PortalProcess Start(string dataDirectory, IReadOnlyDictionary<string, string> settings, string? stdin, params string[] args)
    {
        Directory.CreateDirectory(dataDirectory);
        var psi = new ProcessStartInfo("dotnet")
        {
            // The content root, as where the portal is installed: its appsettings.json applies (log levels among others).
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(dataDirectory, "portal.db")}";
        psi.Environment["Portal__DataDirectory"] = dataDirectory;
        // The search index is per instance: each data directory its own (PostgreSQL's default would be the shared content root).
        psi.Environment["Search__IndexPath"] = Path.Combine(dataDirectory, "search-index");
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) psi.Environment[key] = value;
        var process = Process.Start(psi)!;
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return new PortalProcess(process);
    }

    /// <summary>Settings that put the portal on a PostgreSQL database (over the SQLite file <see cref="Start"/> names).</summary>
    public static void UsePostgres(IDictionary<string, string> settings, string connectionString)
    {
        settings["ConnectionStrings__Portal"] = connectionString;
        settings["Portal__Database__Provider"] = "PostgreSQL";
    }

    /// <summary>The web server on a free loopback port, once <c>/healthz</c> answers 200.</summary>
    public static async Task<(PortalProcess Server, string BaseUrl)> StartServerAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var server = Start(dataDirectory, settings, null, "--urls", baseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/healthz")).StatusCode == HttpStatusCode.OK) return (server, baseUrl);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (server.HasExited || DateTime.UtcNow > deadline)
            {
                server.Dispose();
                throw new InvalidOperationException("the portal did not start:\n" + server.Output + server.Error);
            }
            await Task.Delay(250);
        }
    }

    public string Output { get { lock (_out) return _out.ToString(); } }
    public string Error { get { lock (_err) return _err.ToString(); } }
    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the output satisfies <paramref name="condition"/>; false when the process ended (or time ran out) first.</summary>
    public async Task<bool> WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Output)) return true;
            if (_process.HasExited)
            {
                await _pumps;
                return condition(Output);
            }
            await Task.Delay(20);
        }
        return false;
    }

    public async Task<(int ExitCode, string Out, string Err)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the portal process did not finish in {timeout.TotalSeconds:0} s:\n{Output}\n{Error}");
        }
        await _pumps;
        return (_process.ExitCode, Output, Error);
    }

    /// <summary>Ends the process at once (SIGKILL): no clean-up of its own runs.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
            lock (into) into.Append(buffer, 0, n);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
