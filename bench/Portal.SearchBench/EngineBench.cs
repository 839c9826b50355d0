using System.Diagnostics;
using System.Text.Json;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;

/// <summary>
/// The Lucene engine alone (issue 19), without the portal: the corpus read into memory, then one
/// <see cref="ISearchEngine.ApplyBulk"/> into a fresh IndexPath (analysis on every core while the writer indexes), then
/// the query sets through <see cref="ISearchEngine.Search"/> as the search page asks (top 10, snippets, facets, a
/// non-admin caller).
/// </summary>
static class EngineBench
{
    public static void Run(string jsonl, int limit, string data, string analyzer, string? queriesFile, bool reuse)
    {
        var path = Path.Combine(data, "engine-index");
        if (!reuse && Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(data);
        using var engine = new LuceneSearchEngine(new SearchEngineOptions { IndexPath = path, Analyzer = analyzer },
            new TextAnalysis(ChineseAnalyzer.Default));
        if (!reuse)
        {
            var docs = File.ReadLines(jsonl).Take(limit).Select((line, i) => ToDocument(line, i + 1)).ToList();
            var self = Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            engine.ApplyBulk(docs, docs.Count, n => { if (n % 50_000 == 0) Console.WriteLine($"   {n} / {docs.Count}  {watch.Elapsed.TotalSeconds:0.0} s"); });
            var seconds = watch.Elapsed.TotalSeconds;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine($"engine ApplyBulk ({analyzer}): {docs.Count} docs in {seconds:0.0} s = {docs.Count / seconds:0} docs/s; " +
                $"CPU {cpu:0.0} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            // As the portal does after a bulk load: merged into one segment (queries pay per segment).
            watch.Restart();
            engine.Compact();
            Console.WriteLine($"engine Compact: {watch.Elapsed.TotalSeconds:0.0} s");
        }
        var lists = queriesFile is not null ? QueryLists.Read(queriesFile) : QueryLists.From(LuceneVocab.HanWords(path, 0, 3000));
        if (queriesFile is null) lists.Write(Path.Combine(data, "queries.txt"));
        var warmUp = QueryLists.WarmUp(LuceneVocab.HanWords(path, 3000, 400));
        var access = SearchAccess.For(1, ["Staff"]);
        var page = new SearchRequest(new SearchQuery(), access) { PageSize = 10 };
        var bare = page with { WithFacets = false, WithSnippets = false };
        foreach (var (name, queries, request) in new[]
                 {
                     ("one word", lists.OneWord, page), ("two words", lists.TwoWord, page), ("20 most frequent words", lists.Frequent, page),
                     ("one word, no snippets or facets", lists.OneWord, bare), ("20 most frequent words, no snippets or facets", lists.Frequent, bare),
                 })
        {
            int Search(string q) => engine.Search(request with { Query = QueryParser.Parse(q) }).Hits.Count;
            Timing.WarmUp(() => { foreach (var q in warmUp) Search(q); }, null);
            var (times, cpu) = Timing.Each(queries, q => Search(q));
            var (p50, p99, max) = BenchStats.Of(times);
            Console.WriteLine($"engine in process, {name}: p50 {p50:0.00} ms  p99 {p99:0.00} ms  max {max:0.0} ms  " +
                $"(thread CPU p50 {BenchStats.Of(cpu).P50:0.00} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        }
    }

    private static IndexDocument ToDocument(string line, int id)
    {
        using var json = JsonDocument.Parse(line);
        var r = json.RootElement;
        string? Text(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var date = Text("date") is { } d && DateOnly.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : (DateOnly?)null;
        return new IndexDocument(new IndexKey("document", id), Text("title") ?? "", Text("body") ?? "", Text("type") ?? "诗", null, date, null, id);
    }
}
