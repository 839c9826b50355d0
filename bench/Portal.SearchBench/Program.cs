// Search benchmark: imports a .jsonl corpus ({title, body, type, date} per line) into a fresh portal database
// with the portal's `import` verb, then measures query latency in process and through /api/search.
//
//   dotnet run -c Release --project bench/Portal.SearchBench -- --jsonl poetry.jsonl --data /tmp/bench \
//       [--limit N] [--portal Portal/bin/Release/net10.0/Portal.dll] [--clients 8] [--no-http]
// The whole portal on PostgreSQL (issue 10): the same, with `--provider PostgreSQL --connection "Host=…;Username=…"`
// (a server where the benchmark may drop and create the database `portal_bench`) and `--queries FILE` to measure the
// query lists an earlier SQLite run wrote to its data directory (queries.txt), so both providers answer the same queries.
// The Lucene engine alone, bulk write and queries (EngineBench.cs, issue 19):
//   … -- --engine --jsonl poetry.jsonl --data /tmp/engine [--analyzer Portal|SmartCn] [--limit N] [--queries FILE] [--reuse]
// The first minute after a start, per 10 s (FirstMinute in PortalServer.cs; run it on the data of an earlier run):
//   … -- --first-minute --data /tmp/bench --portal /tmp/publish/Portal.dll [--queries FILE] [--clients 8]
// Straight after a start only, several starts in a row (median of their p50 and p99): on the data of an earlier run,
//   … -- --after-start 5 --data /tmp/bench --portal /tmp/publish/Portal.dll [--clients 8]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Pages.Library;
using Portal.Pages.Search;

var opts = Args.Parse(args);
if (args.Contains("--engine"))
{
    // The Lucene engine alone (EngineBench.cs): --analyzer Portal|SmartCn.
    EngineBench.Run(opts.Jsonl, opts.Limit, opts.Data, args.SkipWhile(a => a != "--analyzer").Skip(1).FirstOrDefault() ?? "Portal", opts.Queries, opts.Reuse);
    return;
}
Directory.CreateDirectory(opts.Data);
var dbFile = Path.Combine(opts.Data, "portal.db");
var onPostgres = opts.Connection is not null;
// The Lucene index of this process, the `import` verb and the web server (one after the other, never written at once).
var indexPath = Path.Combine(opts.Data, "search-index");
var pgDatabase = onPostgres ? new NpgsqlConnectionStringBuilder(opts.Connection) { Database = "portal_bench" }.ConnectionString : null;
if (!opts.Reuse)
{
    foreach (var f in Directory.GetFiles(opts.Data, "portal.db*")) File.Delete(f);
    if (Directory.Exists(indexPath)) Directory.Delete(indexPath, recursive: true);
    if (onPostgres)
    {
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(opts.Connection) { Pooling = false }.ConnectionString);
        await server.OpenAsync();
        foreach (var sql in new[] { "DROP DATABASE IF EXISTS portal_bench WITH (FORCE)", "CREATE DATABASE portal_bench ENCODING 'UTF8' TEMPLATE template0" })
            await new NpgsqlCommand(sql, server).ExecuteNonQueryAsync();
    }
}
// The portal's settings, for this process and for the `import` verb and the web server it starts.
var portalEnv = new Dictionary<string, string>
{
    ["ConnectionStrings__Portal"] = pgDatabase ?? $"Data Source={dbFile}",
    ["Portal__Database__Provider"] = onPostgres ? "PostgreSQL" : "Sqlite",
    ["Portal__DataDirectory"] = opts.Data,
    ["Search__IndexPath"] = indexPath,
    ["Portal__Admin__UserName"] = "bench",
    ["Portal__Admin__Password"] = "Bench-2026-portal!",
    ["Logging__LogLevel__Default"] = "Warning",
};
foreach (var (k, v) in portalEnv) Environment.SetEnvironmentVariable(k, v);
if (args.Contains("--first-minute"))
{
    // On the data directory of an earlier run (never imported again): the first minute after the portal starts.
    await FirstMinute.RunAsync(opts.Portal, portalEnv, QueryLists.Read(opts.Queries ?? Path.Combine(opts.Data, "queries.txt")).OneWord, opts.Clients);
    return;
}

if (args.SkipWhile(a => a != "--after-start").Skip(1).FirstOrDefault() is { } starts)
{
    // The first 200 warm-up words (never measured warm), as the full run measures them after its start.
    var words = QueryLists.WarmUp(LuceneVocab.HanWords(indexPath, 3000, 400)).Take(200).ToList();
    var runs = new List<(double P50, double P99)>();
    for (var run = 0; run < int.Parse(starts, CultureInfo.InvariantCulture); run++)
    {
        await using var server = await PortalServer.StartAsync(opts.Portal, portalEnv, "bench", "Bench-2026-portal!");
        var times = new ConcurrentBag<double>();
        var queue = new ConcurrentQueue<string>(words);
        await Task.WhenAll(Enumerable.Range(0, opts.Clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var q)) times.Add(await server.SearchAsync(q));
        })));
        var st = BenchStats.Of(times.ToList());
        runs.Add((st.P50, st.P99));
        Console.WriteLine($"start {run + 1}: healthy after {server.HealthySeconds:0.0} s; HTTP /api/search, {opts.Clients} clients, one word, straight after start: " +
            $"p50 {st.P50:0.0} ms  p99 {st.P99:0.0} ms  max {st.Max:0.0} ms");
    }
    static double Median(IEnumerable<double> v) { var l = v.Order().ToList(); return l[l.Count / 2]; }
    Console.WriteLine($"median of {runs.Count} starts: p50 {Median(runs.Select(r => r.P50)):0.0} ms  p99 {Median(runs.Select(r => r.P99)):0.0} ms");
    return;
}

var builder = PortalWebApp.CreateBuilder([]);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
await using var services = ((IServiceCollection)builder.Services).BuildServiceProvider();
using (var scope = services.CreateScope())
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());

var connection = services.GetRequiredService<PortalConnection>();
Console.WriteLine($"analyzer: {typeof(Portal.Indexing.Analysis.ChineseAnalyzer).Assembly.GetName().Name} ({Portal.Indexing.Analysis.ChineseAnalyzer.Default.GetType().FullName})");

// ------------------------------------------------------------------ import
// Through the portal's own `import` verb, as an office would migrate: a child process, timed from the outside.
// CPU time as well as wall time: on a machine shared with other work, wall time says more about the neighbours
// than about us; CPU seconds per document do not depend on them.
var imported = 0;
long dbBytes;
if (!opts.Reuse)
{
    var jsonl = opts.Jsonl;
    if (opts.Limit < int.MaxValue)
    {
        jsonl = Path.Combine(opts.Data, $"first-{opts.Limit}.jsonl");
        File.WriteAllLines(jsonl, File.ReadLines(opts.Jsonl).Take(opts.Limit));
    }
    var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
    foreach (var a in new[] { opts.Portal, "import", jsonl }) psi.ArgumentList.Add(a);
    foreach (var (k, v) in portalEnv) psi.Environment[k] = v;
    var cpuBefore = Native.ChildrenCpuSeconds();
    var watch = Stopwatch.StartNew();
    using (var child = Process.Start(psi)!)
    {
        var last = "";
        while (await child.StandardOutput.ReadLineAsync() is { } line) { Console.WriteLine("   " + line.Replace('\r', ' ')); last = line; }
        await child.WaitForExitAsync();
        if (child.ExitCode != 0) throw new InvalidOperationException($"import exited with {child.ExitCode}: {last}");
    }
    var importSeconds = watch.Elapsed.TotalSeconds;
    var importCpu = Native.ChildrenCpuSeconds() - cpuBefore;
    using (var c = connection.Open())
    using (var cmd = c.CreateCommand())
    {
        cmd.CommandText = "SELECT count(*) FROM \"Documents\"";
        imported = Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        cmd.CommandText = "SELECT pg_database_size(current_database())";
        dbBytes = onPostgres ? Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture)
            : Directory.GetFiles(opts.Data, "portal.db*").Sum(f => new FileInfo(f).Length);
    }
    Console.WriteLine($"import (portal `import` verb, start-up and optimize included): {imported} docs in {importSeconds:0.0} s = {imported / importSeconds:0} docs/s; database {dbBytes / 1048576.0:0} MB");
    Console.WriteLine($"import CPU: {importCpu:0.0} s = {imported / importCpu:0} docs per CPU-second; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
}

// ------------------------------------------------------------------ queries
// The 20 most frequent index words plus 180 drawn from the 3,000 most frequent; two-word queries from the same.
// Written to queries.txt (one-word, two-word and frequent lists) so another run, e.g. on PostgreSQL, can measure the same.
var lists = opts.Queries is not null ? QueryLists.Read(opts.Queries) : QueryLists.From(HanWords(0, 3000));
var (oneWord, twoWord, frequentWords) = (lists.OneWord, lists.TwoWord, lists.Frequent);
// Warm-up: other words (ranked 3,001–3,400), one- and two-word, so that the code runs compiled as in a server that has
// been up for a while (tiered compilation), while the measured words' pages are not touched before they are measured.
var warmUp = QueryLists.WarmUp(HanWords(3000, 400));

// Han words of two or more characters among the index's most frequent words (documents), ranks skip+1 … skip+take.
List<(string Term, long Docs)> HanWords(int skip, int take) => LuceneVocab.HanWords(indexPath, skip, take);

lists.Write(Path.Combine(opts.Data, "queries.txt"));

var access = SearchAccess.For(1, ["Staff"]);
(double P50, double P99, double Max) Measure(List<string> queries, Func<string, int> run)
{
    WarmUp(() => { foreach (var q in warmUp) run(q); }, null);
    var (times, cpu) = Timing.Each(queries, q => run(q));
    var st = Stats(cpu);
    Console.WriteLine($"   (CPU time of the query thread: p50 {st.P50:0.00} ms  p99 {st.P99:0.00} ms)");
    return Stats(times);
}
int InProcess(string q)
{
    using var scope = services.CreateScope();
    var o = scope.ServiceProvider.GetRequiredService<SearchService>().Search(new SearchInput { Q = q, Size = 10 }, access);
    return o.Items.Count;
}
// Resolved only now: the engine opens the index (and its writer lock), which the `import` verb above needed for itself.
var engine = services.GetRequiredService<SearchIndexFollower>().Engine;
int EngineOnly(string q) => engine.Search(new SearchRequest(QueryParser.Parse(q), access) { PageSize = 10 }).Hits.Count;
int EngineNoFacets(string q) => engine.Search(new SearchRequest(QueryParser.Parse(q), access) { PageSize = 10, WithFacets = false }).Hits.Count;
if (opts.Profile)
{
    var e1 = Measure(oneWord, EngineOnly);
    Console.WriteLine($"engine only, one word:  p50 {e1.P50:0.00} ms  p99 {e1.P99:0.00} ms");
    var e2 = Measure(oneWord, EngineNoFacets);
    Console.WriteLine($"engine only, no facets, one word:  p50 {e2.P50:0.00} ms  p99 {e2.P99:0.00} ms");
}
var ip1 = Measure(oneWord, InProcess);
var ip2 = Measure(twoWord, InProcess);
Console.WriteLine($"in process, one word:  p50 {ip1.P50:0.00} ms  p99 {ip1.P99:0.00} ms  max {ip1.Max:0.0} ms");
Console.WriteLine($"in process, two words: p50 {ip2.P50:0.00} ms  p99 {ip2.P99:0.00} ms  max {ip2.Max:0.0} ms");
var frequent = Measure(frequentWords, InProcess);
Console.WriteLine($"in process, 20 most frequent words: p50 {frequent.P50:0.00} ms  p99 {frequent.P99:0.00} ms");

// ------------------------------------------------------------------ HTTP
if (opts.Http)
{
    await services.DisposeAsync();   // lets go of the index: the web server writes it from now on
    await using var server = await PortalServer.StartAsync(opts.Portal, portalEnv, "bench", "Bench-2026-portal!");
    async Task<(double P50, double P99, double Max)> Http(List<string> queries)
    {
        // Warm-up as measured: the same clients at once.
        WarmUp(() => Clients(warmUp).GetAwaiter().GetResult(), server.Process);
        return Stats(await Clients(queries));
    }
    async Task<List<double>> Clients(IEnumerable<string> queries)
    {
        var times = new ConcurrentBag<double>();
        var queue = new ConcurrentQueue<string>(queries);
        await Task.WhenAll(Enumerable.Range(0, opts.Clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var q)) times.Add(await server.SearchAsync(q));
        })));
        return times.ToList();
    }
    // Straight after the start, before any warm-up: the first 200 warm-up words (never measured warm).
    var h0 = Stats(await Clients(warmUp.Take(200)));
    Console.WriteLine($"HTTP /api/search, {opts.Clients} clients, one word, straight after start:  p50 {h0.P50:0.00} ms  p99 {h0.P99:0.00} ms  max {h0.Max:0.0} ms");
    var h1 = await Http(oneWord);
    var h2 = await Http(twoWord);
    var h3 = await Http(frequentWords);
    Console.WriteLine($"HTTP /api/search, {opts.Clients} clients, one word:  p50 {h1.P50:0.00} ms  p99 {h1.P99:0.00} ms  max {h1.Max:0.0} ms");
    Console.WriteLine($"HTTP /api/search, {opts.Clients} clients, two words: p50 {h2.P50:0.00} ms  p99 {h2.P99:0.00} ms  max {h2.Max:0.0} ms");
    Console.WriteLine($"HTTP /api/search, {opts.Clients} clients, 20 most frequent words: p50 {h3.P50:0.00} ms  p99 {h3.P99:0.00} ms  max {h3.Max:0.0} ms" +
        $"; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
}

static void WarmUp(Action round, Process? server) => Timing.WarmUp(round, server);

static (double P50, double P99, double Max) Stats(List<double> times) => BenchStats.Of(times);

sealed record Args(string Jsonl, string Data, int Limit, string Portal, int Clients, bool Http, bool Profile, bool Reuse)
{
    /// <summary>The whole portal on PostgreSQL: the server's connection string (the database portal_bench is recreated).</summary>
    public string? Connection { get; init; }
    /// <summary>Query lists written by an earlier run (its data directory's queries.txt).</summary>
    public string? Queries { get; init; }

    public static Args Parse(string[] a)
    {
        string Get(string name, string fallback) { var i = Array.IndexOf(a, name); return i >= 0 && i + 1 < a.Length ? a[i + 1] : fallback; }
        return new Args(
            Get("--jsonl", "poetry.jsonl"), Get("--data", Path.Combine(Path.GetTempPath(), "portal-search-bench")),
            int.Parse(Get("--limit", int.MaxValue.ToString())), Get("--portal", "Portal/bin/Release/net10.0/Portal.dll"),
            int.Parse(Get("--clients", "8")), !a.Contains("--no-http"), a.Contains("--profile"), a.Contains("--reuse") || a.Contains("--first-minute") || a.Contains("--after-start"))
        {
            Connection = Get("--provider", "Sqlite").Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? Get("--connection", "") : null,
            Queries = Get("--queries", "") is { Length: > 0 } q ? q : null,
        };
    }
}

static class Native
{
    public struct Rusage { public Timeval User; public Timeval System; public long Pad0, Pad1, Pad2, Pad3, Pad4, Pad5, Pad6, Pad7, Pad8, Pad9, Pad10, Pad11, Pad12, Pad13; }
    public struct Timeval { public long Seconds; public long Microseconds; }
    [System.Runtime.InteropServices.DllImport("libc")]
    public static extern int getrusage(int who, out Rusage usage);

    /// <summary>CPU seconds of the child processes waited for so far (RUSAGE_CHILDREN).</summary>
    public static double ChildrenCpuSeconds()
    {
        getrusage(-1, out var u);
        return u.User.Seconds + u.User.Microseconds / 1e6 + u.System.Seconds + u.System.Microseconds / 1e6;
    }

    public struct Timespec { public long Seconds; public long Nanoseconds; }
    [System.Runtime.InteropServices.DllImport("libc")]
    public static extern int clock_gettime(int clock, out Timespec ts);
}
