using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

/// <summary>
/// What the import target asks of this machine (<c>--floor</c>): the least work any SQLite FTS5 import of this corpus
/// must do, each part measured alone on documents held in memory, with no portal around it:
/// <list type="bullet">
/// <item>analysis: the analyzer on one thread and on all cores, as <see cref="Fts5SearchEngine.Prepare"/> runs it (the
/// batches for the engine's write are prepared again afterwards, untimed: the prepared streams are internal to the engine);</item>
/// <item>FTS5 alone: the analysed streams inserted into the engine's FTS5 table (same definition), 5,000 per
/// transaction, nothing else written;</item>
/// <item>the engine's write: <see cref="Fts5SearchEngine.Write(System.Data.Common.DbConnection, System.Data.Common.DbTransaction?, PreparedBatch)"/>
/// (FTS5 and its row of fields), the same batches;</item>
/// <item>FTS5's optimize after it.</item>
/// </list>
/// An import on one writer cannot be faster than analysis on the cores left to it, nor than the FTS5 insert alone.
/// </summary>
static class FloorBench
{
    public static void Run(string jsonl, int limit, string data)
    {
        Directory.CreateDirectory(data);
        var docs = PgEngineBench.Read(jsonl, limit).ToList();
        var analysis = new TextAnalysis(ChineseAnalyzer.Default);
        var engine = new Fts5SearchEngine(analysis, new SearchEngineOptions { ImpactListSize = 0 });
        Console.WriteLine($"{docs.Count:N0} documents read; {Environment.ProcessorCount} cores");

        // Warm the analyzer (dictionary load, JIT) on documents outside the measured sample.
        engine.Prepare(docs.Take(2000).ToList());
        var sample = docs.Skip(2000).Take(20_000).ToList();
        var sw = Stopwatch.StartNew();
        foreach (var d in sample) { analysis.Analyze(d.Title); analysis.Analyze(d.Body); }
        var oneThread = sw.Elapsed.TotalMicroseconds / sample.Count;
        Console.WriteLine($"analysis, one thread: {oneThread:0.0} µs/document ({1e6 / oneThread:N0} docs/s)");

        sw.Restart();
        var analysed = new (TextAnalysis.Streams Title, TextAnalysis.Streams Body)[docs.Count];
        Parallel.For(0, docs.Count, i => analysed[i] = (analysis.Analyze(docs[i].Title), analysis.Analyze(docs[i].Body)));
        var parallel = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"analysis, all cores: {parallel:0.0} s ({docs.Count / parallel:N0} docs/s)");
        var batches = docs.Chunk(5000).Select(c => engine.Prepare(c)).ToList();

        var ftsOnly = Time(data, "fts", c =>
        {
            engine.EnsureCreated(c);
            for (var start = 0; start < docs.Count; start += 5000)
            {
                using var tx = c.BeginTransaction();
                using var insert = new SqliteCommand(
                    "INSERT INTO search_fts (rowid, title, body, title_x, body_x, title_bg, body_bg) VALUES ($id, $t, $b, $tx, $bx, $tb, $bb)", c, tx);
                var p = new[] { "$id", "$t", "$b", "$tx", "$bx", "$tb", "$bb" }.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
                for (var i = start; i < Math.Min(docs.Count, start + 5000); i++)
                {
                    var (t, body) = analysed[i];
                    p[0].Value = docs[i].Id;
                    (p[1].Value, p[2].Value, p[3].Value, p[4].Value, p[5].Value, p[6].Value) =
                        (t.Words, body.Words, t.SubWords, body.SubWords, t.Bigrams, body.Bigrams);
                    insert.ExecuteNonQuery();
                }
                tx.Commit();
            }
        });
        Console.WriteLine($"FTS5 insert alone: {ftsOnly:0.0} s ({docs.Count / ftsOnly:N0} docs/s)");

        var engineWrite = Time(data, "engine", c =>
        {
            engine.EnsureCreated(c);
            foreach (var b in batches)
            {
                using var tx = c.BeginTransaction();
                engine.Write(c, tx, b);
                tx.Commit();
            }
        });
        Console.WriteLine($"engine write (FTS5 + fields row): {engineWrite:0.0} s ({docs.Count / engineWrite:N0} docs/s)");

        var optimize = Time(data, "engine", c => engine.Optimize(c), fresh: false);
        Console.WriteLine($"FTS5 optimize after it: {optimize:0.0} s");
        var bound = Math.Max(ftsOnly, parallel);
        Console.WriteLine($"floor of an import (max of the two above, nothing else): {docs.Count / bound:N0} docs/s; " +
            $"with the optimize: {docs.Count / (bound + optimize):N0} docs/s");
    }

    /// <summary>Seconds the action takes on the database <c>{data}/floor-{name}.db</c> (deleted first unless reused).</summary>
    private static double Time(string data, string name, Action<SqliteConnection> action, bool fresh = true)
    {
        var file = Path.Combine(data, $"floor-{name}.db");
        if (fresh) foreach (var f in Directory.GetFiles(data, $"floor-{name}.db*")) File.Delete(f);
        using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        c.Open();
        using (var pragma = new SqliteCommand("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", c)) pragma.ExecuteNonQuery();
        var sw = Stopwatch.StartNew();
        action(c);
        return sw.Elapsed.TotalSeconds;
    }
}
