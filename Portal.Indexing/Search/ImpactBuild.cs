using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace Portal.Indexing.Search;

/// <summary>
/// Builds the impact lists from the index itself instead of FTS5's <c>bm25()</c>: each frequent word's
/// occurrences are read from FTS5's <c>fts5vocab</c> 'instance' table and scored here with the formula of
/// <see cref="ImpactLists.Score"/> (≈ 0.5 µs an occurrence against ≈ 5 µs a match for <c>bm25()</c>).
/// Lengths and the average come from FTS5's own document sizes, so scores equal the engine's.
/// <para>
/// Written in slices, each its own transaction, so a large index never holds
/// SQLite's write lock for long (<see cref="SearchEngineOptions.ImpactSliceTime"/>). The first slice drops every list; a word without a list is simply scored by
/// FTS5 until its slice is written, so queries stay correct throughout.
/// </para>
/// <para>
/// Within a slice, the words are scored on a second connection (another core) while this one writes the lists
/// already scored: reading and writing took about as long each (333,000 poems: 5,221 words, 6.6 million occurrences
/// read, 1.04 million list rows written), and the build went from ≈ 38 to ≈ 27 s.
/// </para>
/// </summary>
internal sealed class ImpactBuild(SearchEngineOptions options, double[] weights, string fts, string vocab, string instances, string meta)
{
    /// <summary>The word columns as FTS5 names them, in the order of the weights.</summary>
    private static readonly string[] Columns = ["title", "body", "title_x", "body_x"];

    public void Run(DbConnection c)
    {
        // Read without the write lock (WAL readers do not block the writer).
        var words = FrequentWords(c);
        var lengths = Lengths(c);
        var rows = (double)lengths.Count;
        var average = rows == 0 ? 1 : Math.Max(1, lengths.Values.Sum(v => (double)v) / rows);
        using var reader = Sibling(c);
        var scorer = new Scorer(ScanSql, $"SELECT sz FROM {fts}_docsize WHERE id = $id", options.ImpactListSize, rows, average, lengths);

        var next = 0;
        var first = true;
        while (first || next < words.Count)
        {
            using var tx = c.BeginTransaction();
            // A new version per slice: readers and writers reload the words listed so far. Written first, so this
            // transaction holds the write lock before anything is read for the slice.
            SetState(c, tx, "impact.version", Guid.NewGuid().ToString("N"));
            if (first)
            {
                Sql.Execute(c, tx, $"DELETE FROM {ImpactLists.Table}");
                Sql.Execute(c, tx, $"DELETE FROM {ImpactLists.Terms}");
                SetState(c, tx, "impact.avgdl", average.ToString("R", CultureInfo.InvariantCulture));
                first = false;
            }
            next = reader is null
                ? Slice(c, tx, words, next, scorer.Lists(c, tx, words, next))
                : Slice(c, tx, words, next, scorer.ListsInBackground(reader, words, next));
            tx.Commit();
        }
    }

    /// <summary>
    /// A second connection to the same database file, for reading the occurrences while this one writes (null for
    /// an in-memory database, which another connection would not see).
    /// </summary>
    private static DbConnection? Sibling(DbConnection c)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = c.ConnectionString };
        var source = new[] { "Data Source", "DataSource", "Filename" }.Select(k => builder.TryGetValue(k, out var v) ? v as string : null).FirstOrDefault(v => v is not null);
        var memory = builder.TryGetValue("Mode", out var mode) && string.Equals(mode as string, "Memory", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(source) || source == ":memory:" || memory || DbProviderFactories.GetFactory(c) is not { } factory) return null;
        var sibling = factory.CreateConnection()!;
        sibling.ConnectionString = c.ConnectionString;
        sibling.Open();
        return sibling;
    }

    /// <summary>
    /// Writes lists, in the order of the words from <paramref name="start"/>, until the slice's time is up; returns
    /// the next word's index. The lists come from <paramref name="lists"/>, scored as they are taken (on another
    /// connection while these are written, when the database has one).
    /// </summary>
    private int Slice(DbConnection c, DbTransaction tx, List<string> words, int start, IEnumerable<Scored> lists)
    {
        using var insert = Sql.Command(c, tx, ImpactLists.InsertSql(meta), "$t", "$s", "$id");
        using var term = Sql.Command(c, tx, $"INSERT INTO {ImpactLists.Terms} (term, idf, threshold) VALUES ($t, $idf, $th)", "$t", "$idf", "$th");
        var clock = Stopwatch.StartNew();
        var i = start;
        foreach (var list in lists)
        {
            foreach (var (score, id) in list.Best)
            {
                Sql.Set(insert, list.Word, score, id);
                insert.ExecuteNonQuery();
            }
            Sql.Set(term, list.Word, list.Idf, list.Threshold);
            term.ExecuteNonQuery();
            if (++i == words.Count || clock.Elapsed >= options.ImpactSliceTime) break;
        }
        return i;
    }

    /// <summary>
    /// A word's occurrences in the word columns ($t), each with its column's weight. The weight is chosen in SQL: bigram
    /// columns' rows (as many as the word's, for two-character words) and column names never cross into .NET.
    /// </summary>
    private string ScanSql =>
        $"SELECT doc, CASE col {string.Concat(Columns.Select((name, i) => $"WHEN '{name}' THEN {weights[i].ToString("R", CultureInfo.InvariantCulture)} "))}END AS w " +
        $"FROM {instances} WHERE term = $t AND w IS NOT NULL";

    /// <summary>A word's best documents with their scores, its idf, and the score above which its list is complete.</summary>
    private sealed record Scored(string Word, double Idf, double Threshold, List<(double Score, long Id)> Best);

    /// <summary>
    /// Scores words from their occurrences. On a sibling connection it runs while the slice's transaction holds the
    /// write lock: no other writer can commit meanwhile, so it reads the state this transaction sees (the lists and
    /// state it writes are not read), and it has stopped reading before the slice commits.
    /// </summary>
    private sealed class Scorer(string scanSql, string sizeSql, int listSize, double rows, double average, Dictionary<long, int> lengths)
    {
        public IEnumerable<Scored> Lists(DbConnection c, DbTransaction? tx, List<string> words, int start, CancellationToken stop = default)
        {
            using var scan = Sql.Command(c, tx, scanSql, "$t");
            using var size = Sql.Command(c, tx, sizeSql, "$id");
            var freq = new Dictionary<long, double>();
            for (var i = start; i < words.Count && !stop.IsCancellationRequested; i++)
            {
                var w = words[i];
                freq.Clear();
                scan.Parameters[0].Value = w;
                using (var r = scan.ExecuteReader())
                    while (r.Read())
                        freq[r.GetInt64(0)] = freq.GetValueOrDefault(r.GetInt64(0)) + r.GetDouble(1);
                var scored = new List<(double Score, long Id)>(freq.Count);
                foreach (var (id, f) in freq)
                    // A document written since the sizes were read is looked up; one deleted since has no size and is skipped.
                    if (LengthOf(size, id) is not null) scored.Add((0, id));
                var idf = ImpactLists.Idf(rows, scored.Count);
                for (var k = 0; k < scored.Count; k++)
                    scored[k] = (ImpactLists.Score(idf, freq[scored[k].Id], lengths[scored[k].Id], average), scored[k].Id);
                scored.Sort();
                var n = Math.Min(listSize, scored.Count);
                // Every match is listed when the list is not full.
                yield return new Scored(w, idf, n < listSize ? double.MaxValue : scored[n - 1].Score, scored.GetRange(0, n));
            }
        }

        private int? LengthOf(DbCommand size, long id)
        {
            if (lengths.TryGetValue(id, out var known)) return known;
            size.Parameters[0].Value = id;
            if (size.ExecuteScalar() is not byte[] sz) return null;
            return lengths[id] = Sizes(sz);
        }

        /// <summary>
        /// <see cref="Lists"/> on a worker thread (the other core scores the next words while this one writes), a few
        /// words ahead at most. When the caller stops taking them (for whatever reason) the worker is stopped, and the
        /// enumeration ends only once it has finished reading; an error of the worker is thrown here.
        /// </summary>
        public IEnumerable<Scored> ListsInBackground(DbConnection reader, List<string> words, int start)
        {
            using var queue = new System.Collections.Concurrent.BlockingCollection<Scored>(boundedCapacity: 8);
            using var cancel = new CancellationTokenSource();
            var stop = cancel.Token;
            var worker = Task.Run(() =>
            {
                try
                {
                    foreach (var list in Lists(reader, null, words, start, stop)) queue.Add(list, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
                finally { queue.CompleteAdding(); }
            });
            try
            {
                foreach (var list in queue.GetConsumingEnumerable())
                    yield return list;
            }
            finally
            {
                // Also reached when the slice stops taking lists (its foreach disposes this enumerator).
                cancel.Cancel();
                worker.GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Words whose columns hold at least ImpactMinDocs documents (a document may count once per column).</summary>
    private List<string> FrequentWords(DbConnection c)
    {
        using var cmd = Sql.Command(c, null,
            $"SELECT term FROM {vocab} WHERE col IN ('title', 'body') GROUP BY term HAVING sum(doc) >= $min", "$min");
        cmd.Parameters[0].Value = options.ImpactMinDocs;
        var words = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) words.Add(r.GetString(0));
        return words;
    }

    /// <summary>Every document's size as FTS5's bm25 counts it: the tokens of all columns, from {fts}_docsize.</summary>
    private Dictionary<long, int> Lengths(DbConnection c)
    {
        using var cmd = Sql.Command(c, null, $"SELECT id, sz FROM {fts}_docsize");
        var lengths = new Dictionary<long, int>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) lengths[r.GetInt64(0)] = Sizes((byte[])r.GetValue(1));
        return lengths;
    }

    /// <summary>The sum of a docsize record: one SQLite varint per column.</summary>
    internal static int Sizes(byte[] record)
    {
        long total = 0;
        var p = 0;
        while (p < record.Length) total += Varint(record, ref p);
        return (int)total;
    }

    /// <summary>
    /// The SQLite varint at <paramref name="at"/> (moved past it): big-endian groups of 7 bits, the high bit set on
    /// all but the last; a ninth byte holds 8 bits. A record cut short ends the number.
    /// </summary>
    internal static long Varint(byte[] data, ref int at)
    {
        long v = 0;
        for (var b = 0; at < data.Length; b++)
        {
            var x = data[at++];
            if (b == 8) return (v << 8) | x;
            v = (v << 7) | (uint)(x & 0x7f);
            if ((x & 0x80) == 0) break;
        }
        return v;
    }

    private static void SetState(DbConnection c, DbTransaction tx, string key, string value)
    {
        using var cmd = Sql.Command(c, tx, $"INSERT OR REPLACE INTO {ImpactLists.State} (key, value) VALUES ($k, $v)", "$k", "$v");
        Sql.Set(cmd, key, value);
        cmd.ExecuteNonQuery();
    }
}
