using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

/// <summary>
/// The engine alone on PostgreSQL (<c>--pg "Host=…;Username=…"</c>): a fresh database (<c>--pg-database</c>, default
/// portal_searchbench) filled from the .jsonl by <see cref="PgSearchEngine"/>'s bulk path (the next batch prepared on the
/// worker threads while this one is written, one transaction per batch, then Optimize), then the same query sets as the
/// SQLite mode, through <see cref="ILegacySearchEngine.Search"/> (top 10, facets, a non-admin caller). The portal is not involved.
/// </summary>
static class PgEngineBench
{
    public static void Run(string server, string database, string jsonl, int limit, bool reuse)
    {
        var analysis = new TextAnalysis(ChineseAnalyzer.Default);
        var engine = new PgSearchEngine(analysis, new SearchEngineOptions());
        var admin = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
        if (!reuse)
        {
            using var a = new NpgsqlConnection(admin.ConnectionString);
            a.Open();
            Exec(a, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            Exec(a, $"CREATE DATABASE \"{database}\" ENCODING 'UTF8' TEMPLATE template0");
        }
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
        c.Open();
        var documentFrequency = new Dictionary<string, long>();
        if (!reuse) Import(engine, c, analysis, jsonl, limit, documentFrequency);
        else
        {
            Console.WriteLine("reusing the index; counting words in the first 20,000 documents of the .jsonl for the query sets");
            foreach (var d in Read(jsonl, Math.Min(limit, 20_000))) Count(analysis, d, documentFrequency);
        }

        var rng = new Random(4);
        var cjk = documentFrequency.Where(v => v.Key.Length >= 2 && v.Key.All(ch => ch >= '\u4e00' && ch <= '\u9fff'))
            .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(3000).ToList();
        var oneWord = cjk.Take(20).Select(v => v.Key).Concat(Enumerable.Range(0, 180).Select(_ => cjk[rng.Next(cjk.Count)].Key)).ToList();
        var twoWord = Enumerable.Range(0, 200).Select(_ => cjk[rng.Next(Math.Min(cjk.Count, 500))].Key + " " + cjk[rng.Next(cjk.Count)].Key).ToList();
        Console.WriteLine($"most frequent words: {string.Join(" ", cjk.Take(10).Select(v => $"{v.Key}({v.Value})"))}");

        var access = SearchAccess.For(1, ["Staff"]);
        int Query(string q, bool facets) =>
            engine.Search(c, new SearchRequest(QueryParser.Parse(q), access) { PageSize = 10, WithFacets = facets }).Hits.Count;
        void Report(string name, List<string> queries, bool facets = true)
        {
            foreach (var q in queries.Take(20)) Query(q, facets); // warm-up
            var times = new List<double>();
            foreach (var q in queries)
            {
                var sw = Stopwatch.StartNew();
                Query(q, facets);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            var s = BenchStats.Of(times);
            Console.WriteLine($"PostgreSQL engine, {name}: p50 {s.P50:0.00} ms  p99 {s.P99:0.00} ms  max {s.Max:0.0} ms");
        }
        Report("one word", oneWord);
        Report("one word, no facets", oneWord, facets: false);
        Report("two words", twoWord);
        Report("20 most frequent words", cjk.Take(20).Select(v => v.Key).ToList());
        var suggest = new List<double>();
        foreach (var q in oneWord.Take(100))
        {
            var sw = Stopwatch.StartNew();
            engine.Suggest(c, q[..1], access, 8);
            suggest.Add(sw.Elapsed.TotalMilliseconds);
        }
        var st = BenchStats.Of(suggest);
        Console.WriteLine($"PostgreSQL engine, suggest (one character): p50 {st.P50:0.00} ms  p99 {st.P99:0.00} ms");
    }

    private static void Import(PgSearchEngine engine, NpgsqlConnection c, TextAnalysis analysis, string jsonl, int limit, Dictionary<string, long> df)
    {
        engine.EnsureCreated(c);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var written = 0;
        Task<PreparedBatch>? next = null;
        foreach (var chunk in Read(jsonl, limit).Chunk(5000))
        {
            foreach (var d in chunk) Count(analysis, d, df);
            var prepare = Task.Run(() => engine.Prepare(chunk));
            if (next is not null) written += Write(engine, c, next.Result);
            next = prepare;
        }
        if (next is not null) written += Write(engine, c, next.Result);
        var writeSeconds = watch.Elapsed.TotalSeconds;
        engine.Optimize(c);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        using var size = new NpgsqlCommand($"SELECT pg_total_relation_size('search_entries')", c);
        var bytes = Convert.ToInt64(size.ExecuteScalar(), CultureInfo.InvariantCulture);
        Console.WriteLine($"PostgreSQL bulk write: {written} docs in {writeSeconds:0.0} s = {written / writeSeconds:0} docs/s; with VACUUM ANALYZE {seconds:0.0} s; " +
                          $"this process {cpu:0.0} CPU-s (word counting for the query sets included); index table {bytes / 1048576.0:0} MB");
    }

    private static int Write(PgSearchEngine engine, NpgsqlConnection c, PreparedBatch batch)
    {
        using var tx = c.BeginTransaction();
        engine.Write(c, tx, batch);
        tx.Commit();
        return batch.Documents.Count;
    }

    /// <summary>Documents of the .jsonl ({title, body, type, date}), ids from 1 in file order, all public.</summary>
    internal static IEnumerable<LegacyIndexDocument> Read(string jsonl, int limit)
    {
        var id = 0;
        foreach (var line in File.ReadLines(jsonl))
        {
            if (id >= limit) yield break;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var j = JsonDocument.Parse(line);
            var o = j.RootElement;
            string? S(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var title = S("title");
            var body = S("body");
            if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(body)) continue;
            DateOnly? date = DateOnly.TryParseExact(S("date") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            yield return new LegacyIndexDocument(++id, title, body, S("type") ?? "其他", null, date, null);
        }
    }

    /// <summary>Document frequencies of the segmented words (the query sets come from the most frequent 3,000).</summary>
    private static void Count(TextAnalysis analysis, LegacyIndexDocument d, Dictionary<string, long> df)
    {
        foreach (var w in analysis.Words(d.Title).Concat(analysis.Words(d.Body)).Distinct())
            df[w] = df.GetValueOrDefault(w) + 1;
    }

    private static void Exec(NpgsqlConnection c, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}

static class BenchStats
{
    public static (double P50, double P99, double Max) Of(List<double> times)
    {
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        return (P(0.50), P(0.99), times[^1]);
    }
}
