using System.Data.Common;
using System.Globalization;

namespace Portal.Indexing.Search;

/// <summary>
/// Impact-ordered postings for frequent words. FTS5's <c>bm25()</c> first counts every document of the word
/// (a pass over the whole doclist) and then looks up each match's size, so a word in 30,000 documents costs
/// tens of milliseconds however few results are shown. For each word in at least
/// <see cref="SearchEngineOptions.ImpactMinDocs"/> documents, <see cref="Build"/> stores its best
/// <see cref="SearchEngineOptions.ImpactListSize"/> documents with their BM25 score; a one-word query then reads
/// its first page from that list.
/// <para>
/// Invariant: a word's list holds <em>every</em> document whose score is at least as good as the list's
/// threshold (the score of its last entry when built). Writes keep it: a written document that scores at least
/// that well is added (scored here with FTS5's formula and the parameters saved at build time), a removed or
/// replaced document leaves. So a list may grow or shrink, but what it holds above the threshold is complete.
/// </para>
/// </summary>
internal sealed class ImpactLists(SearchEngineOptions options)
{
    public const string Table = "search_impact";
    public const string Terms = "search_impact_terms";
    public const string State = "search_state";

    // FTS5's bm25 constants (fts5_aux.c).
    private const double K1 = 1.2;
    private const double B = 0.75;

    public static readonly string[] Ddl =
    {
        // fields and access: the document's as in search_meta (packed, see SearchCandidates.SqlitePackedFields), so a
        // listed page is read from this table alone.
        $"CREATE TABLE IF NOT EXISTS {Table} (term TEXT NOT NULL, score REAL NOT NULL, id INTEGER NOT NULL, fields TEXT NOT NULL, access TEXT, " +
        "PRIMARY KEY (term, score, id)) WITHOUT ROWID",
        $"CREATE INDEX IF NOT EXISTS {Table}_id ON {Table} (id)",
        // threshold: the list's last score at build time (bm25 is negative: lower is better).
        $"CREATE TABLE IF NOT EXISTS {Terms} (term TEXT PRIMARY KEY, idf REAL NOT NULL, threshold REAL NOT NULL) WITHOUT ROWID",
        $"CREATE TABLE IF NOT EXISTS {State} (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    };

    public static readonly string[] Drop = { $"DROP TABLE IF EXISTS {Table}", $"DROP TABLE IF EXISTS {Terms}", $"DROP TABLE IF EXISTS {State}" };

    /// <summary>The lists as last loaded: word → (idf, threshold), with the average document length and the version.</summary>
    private sealed record Snapshot(string Version, double AverageLength, Dictionary<string, (double Idf, double Threshold)> Words);

    private readonly Dictionary<string, Snapshot> _loaded = new();
    private readonly Lock _lock = new();

    /// <summary>Column weights of the word columns (title, body, title_x, body_x), as in the engine's bm25 call.</summary>
    private double[] Weights => [options.TitleWeight, 1.0, options.TitleWeight * options.SubWordWeight, options.SubWordWeight];

    /// <summary>
    /// Rebuilds every list from the index: the frequent words from FTS5's vocabulary, each word's best documents
    /// scored from its occurrences (<see cref="ImpactBuild"/>). Called by Optimize, after large imports and rebuilds.
    /// </summary>
    public void Build(DbConnection c, string fts, string vocab, string instances, string meta)
    {
        if (options.ImpactListSize <= 0) return;
        new ImpactBuild(options, Weights, fts, vocab, instances, meta).Run(c);
    }

    /// <summary>
    /// Lists a document for a word ($t, $s, $id), with its fields and access copied from its row in
    /// <paramref name="meta"/> (written before): one definition of what a list row carries, for builds and writes.
    /// </summary>
    public static string InsertSql(string meta) =>
        $"INSERT OR IGNORE INTO {Table} (term, score, id, fields, access) " +
        $"SELECT $t, $s, m.id, {SearchCandidates.SqlitePackedFields}, m.access FROM {meta} m WHERE m.id = $id";

    /// <summary>FTS5's bm25 for one phrase (fts5_aux.c, same operations in the same order, so the same doubles).</summary>
    public static double Score(double idf, double freq, double length, double averageLength) =>
        -1.0 * (idf * (freq * (K1 + 1.0) / (freq + K1 * (1 - B + B * length / averageLength))));

    public static double Idf(double rows, double hits)
    {
        var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }

    /// <summary>Forgets what was loaded (the tables were dropped or rebuilt).</summary>
    public void Forget(string key)
    {
        lock (_lock) _loaded.Remove(key);
    }

    private Snapshot Load(DbConnection c, DbTransaction? tx, string key)
    {
        var version = Sql.Scalar(c, tx, $"SELECT value FROM {State} WHERE key = 'impact.version'") as string ?? "";
        lock (_lock)
            if (_loaded.TryGetValue(key, out var s) && s.Version == version) return s;
        var words = new Dictionary<string, (double, double)>();
        using (var cmd = Sql.Command(c, tx, $"SELECT term, idf, threshold FROM {Terms}"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) words[r.GetString(0)] = (r.GetDouble(1), r.GetDouble(2));
        var avg = Sql.Scalar(c, tx, $"SELECT value FROM {State} WHERE key = 'impact.avgdl'") as string;
        var snapshot = new Snapshot(version, avg is null ? 1 : double.Parse(avg, CultureInfo.InvariantCulture), words);
        lock (_lock) _loaded[key] = snapshot;
        return snapshot;
    }

    /// <summary>
    /// Keeps the lists complete for written documents (call after the old entries of these ids were removed):
    /// each frequent word of a document that scores within the word's threshold is added.
    /// </summary>
    public void Add(DbConnection c, DbTransaction? tx, string key, string meta, IReadOnlyList<LegacyIndexDocument> documents,
        (TextAnalysis.Streams Title, TextAnalysis.Streams Body)[] analysed)
    {
        var s = Load(c, tx, key);
        if (s.Words.Count == 0) return;
        using var insert = Sql.Command(c, tx, InsertSql(meta), "$t", "$s", "$id");
        var weights = Weights;
        var freq = new Dictionary<string, double>();
        for (var d = 0; d < documents.Count; d++)
        {
            var (title, body) = analysed[d];
            freq.Clear();
            var streams = new[] { title.Words, body.Words, title.SubWords, body.SubWords };
            for (var col = 0; col < streams.Length; col++)
                foreach (var token in streams[col].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (s.Words.ContainsKey(token))
                        freq[token] = freq.GetValueOrDefault(token) + weights[col];
            if (freq.Count == 0) continue;
            var length = Length(title, body);
            foreach (var (word, f) in freq)
            {
                var (idf, threshold) = s.Words[word];
                var score = Score(idf, f, length, s.AverageLength);
                if (score > threshold) continue;
                Sql.Set(insert, word, score, documents[d].Id);
                insert.ExecuteNonQuery();
            }
        }
    }

    /// <summary>A document's size as FTS5 counts it for bm25: the tokens of all its columns.</summary>
    public static int Length(TextAnalysis.Streams title, TextAnalysis.Streams body) =>
        Count(title.Words) + Count(body.Words) + Count(title.SubWords) + Count(body.SubWords) + Count(title.Bigrams) + Count(body.Bigrams);

    private static int Count(string stream)
    {
        if (stream.Length == 0) return 0;
        var n = 1;
        foreach (var ch in stream) if (ch == ' ') n++;
        return n;
    }

    public static void Remove(DbCommand deleteById, long id)
    {
        deleteById.Parameters[0].Value = id;
        deleteById.ExecuteNonQuery();
    }

    /// <summary>Whether the word has a list, and the score above which (bm25: below which) the list is complete.</summary>
    public bool TryGetThreshold(DbConnection c, string key, string word, out double threshold)
    {
        threshold = 0;
        if (!Load(c, null, key).Words.TryGetValue(word, out var entry)) return false;
        threshold = entry.Threshold;
        return true;
    }
}
