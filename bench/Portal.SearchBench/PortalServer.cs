using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

/// <summary>A portal web server started from a Portal.dll on a loopback port, and an HTTP client signed in to it.</summary>
sealed class PortalServer : IAsyncDisposable
{
    private PortalServer(Process process, HttpClient http, Stopwatch sinceStart, double healthySeconds)
    {
        Process = process;
        Http = http;
        SinceStart = sinceStart;
        HealthySeconds = healthySeconds;
    }

    public Process Process { get; }
    public HttpClient Http { get; }
    /// <summary>Runs from the moment the process was started.</summary>
    public Stopwatch SinceStart { get; }
    /// <summary>Seconds from the process start to the first 200 of /healthz.</summary>
    public double HealthySeconds { get; }

    public static async Task<PortalServer> StartAsync(string portalDll, IReadOnlyDictionary<string, string> env, string user, string password)
    {
        var port = 5300 + Random.Shared.Next(500);
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(portalDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (k, v) in env) psi.Environment[k] = v;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var sinceStart = Stopwatch.StartNew();
        var portal = Process.Start(psi)!;
        portal.OutputDataReceived += (_, _) => { };
        portal.ErrorDataReceived += (_, a) => { if (a.Data is not null) Console.Error.WriteLine("portal: " + a.Data); };
        portal.BeginOutputReadLine();
        portal.BeginErrorReadLine();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 16 })
        { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var i = 0; ; i++)
        {
            try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            if (i > 3000) throw new TimeoutException("portal did not start");
            await Task.Delay(20);
        }
        var healthy = sinceStart.Elapsed.TotalSeconds;
        var login = await http.GetStringAsync("/Account/Login");
        var token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if ((await http.GetAsync("/api/search?q=test")).RequestMessage!.RequestUri!.AbsolutePath != "/api/search")
            throw new InvalidOperationException("sign-in failed");
        return new PortalServer(portal, http, sinceStart, healthy);
    }

    /// <summary>One /api/search request (top 10, snippets and facets as the page asks): its milliseconds.</summary>
    public async Task<double> SearchAsync(string q)
    {
        var sw = Stopwatch.StartNew();
        var r = await Http.GetAsync("/api/search?size=10&q=" + Uri.EscapeDataString(q));
        await r.Content.ReadAsStringAsync();
        var ms = sw.Elapsed.TotalMilliseconds;
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)r.StatusCode} for {q}");
        return ms;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
    }
}

/// <summary>
/// The first minute after a start (issue 19): the portal is started on an existing data directory, and as soon as it
/// answers, 8 signed-in clients send one-word queries for 60 s; requests, p50 and p99 per 10 s (by when each request
/// ended, counted from the process start).
/// </summary>
static class FirstMinute
{
    public static async Task RunAsync(string portalDll, IReadOnlyDictionary<string, string> env, List<string> words, int clients)
    {
        await using var server = await PortalServer.StartAsync(portalDll, env, env["Portal__Admin__UserName"], env["Portal__Admin__Password"]);
        var begin = server.SinceStart.Elapsed.TotalSeconds;
        Console.WriteLine($"{portalDll}: /healthz answered {server.HealthySeconds:0.00} s after the start; signed in at {begin:0.00} s; " +
            $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var done = new System.Collections.Concurrent.ConcurrentBag<(double End, double Ms)>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (server.SinceStart.Elapsed.TotalSeconds < begin + 60)
            {
                var ms = await server.SearchAsync(words[(Interlocked.Increment(ref next) & int.MaxValue) % words.Count]);
                done.Add((server.SinceStart.Elapsed.TotalSeconds - begin, ms));
            }
        })));
        Console.WriteLine("seconds after sign-in | requests | p50 ms | p99 ms | max ms");
        foreach (var slice in done.GroupBy(d => Math.Min(5, (int)(d.End / 10))).OrderBy(g => g.Key))
        {
            var (p50, p99, max) = BenchStats.Of(slice.Select(d => d.Ms).ToList());
            Console.WriteLine($"{slice.Key * 10}-{slice.Key * 10 + 10} | {slice.Count()} | {p50:0.0} | {p99:0.0} | {max:0.0}");
        }
        var all = BenchStats.Of(done.Select(d => d.Ms).ToList());
        Console.WriteLine($"whole minute | {done.Count} | {all.P50:0.0} | {all.P99:0.0} | {all.Max:0.0}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }
}
