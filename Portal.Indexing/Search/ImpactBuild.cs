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

        var next = 0;
        var first = true;
        while (first || next < words.Count)
        {
            using var tx = c.BeginTransaction();
            if (first)
            {
                Sql.Execute(c, tx, $"DELETE FROM {ImpactLists.Table}");
                Sql.Execute(c, tx, $"DELETE FROM {ImpactLists.Terms}");
                SetState(c, tx, "impact.avgdl", average.ToString("R", CultureInfo.InvariantCulture));
                first = false;
            }
            next = Slice(c, tx, words, next, rows, average, lengths);
            // A new version per slice: readers and writers reload the words listed so far.
            SetState(c, tx, "impact.version", Guid.NewGuid().ToString("N"));
            tx.Commit();
        }
    }

    /// <summary>Lists words from <paramref name="start"/> until the slice's time is up; returns the next word's index.</summary>
    private int Slice(DbConnection c, DbTransaction tx, List<string> words, int start, double rows, double average,
        Dictionary<long, int> lengths)
    {
        // The column's weight in SQL: bigram columns' rows (as many as the word's, for two-character words) and
        // column names never cross into .NET.
        using var scan = Sql.Command(c, tx,
            $"SELECT doc, CASE col {string.Concat(Columns.Select((name, i) => $"WHEN '{name}' THEN {weights[i].ToString("R", CultureInfo.InvariantCulture)} "))}END AS w " +
            $"FROM {instances} WHERE term = $t AND w IS NOT NULL", "$t");
        using var size = Sql.Command(c, tx, $"SELECT sz FROM {fts}_docsize WHERE id = $id", "$id");
        using var insert = Sql.Command(c, tx, ImpactLists.InsertSql(meta), "$t", "$s", "$id");
        using var term = Sql.Command(c, tx, $"INSERT INTO {ImpactLists.Terms} (term, idf, threshold) VALUES ($t, $idf, $th)", "$t", "$idf", "$th");
        var freq = new Dictionary<long, double>();
        var clock = Stopwatch.StartNew();
        var i = start;
        for (; i < words.Count && (i == start || clock.Elapsed < options.ImpactSliceTime); i++)
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
                if (LengthOf(size, lengths, id) is not null) scored.Add((0, id));
            var idf = ImpactLists.Idf(rows, scored.Count);
            for (var k = 0; k < scored.Count; k++)
                scored[k] = (ImpactLists.Score(idf, freq[scored[k].Id], lengths[scored[k].Id], average), scored[k].Id);
            scored.Sort();
            var n = Math.Min(options.ImpactListSize, scored.Count);
            for (var k = 0; k < n; k++)
            {
                Sql.Set(insert, w, scored[k].Score, scored[k].Id);
                insert.ExecuteNonQuery();
            }
            // Every match is listed when the list is not full.
            Sql.Set(term, w, idf, n < options.ImpactListSize ? double.MaxValue : scored[n - 1].Score);
            term.ExecuteNonQuery();
        }
        return i;
    }

    private static int? LengthOf(DbCommand size, Dictionary<long, int> lengths, long id)
    {
        if (lengths.TryGetValue(id, out var known)) return known;
        size.Parameters[0].Value = id;
        if (size.ExecuteScalar() is not byte[] sz) return null;
        return lengths[id] = Sizes(sz);
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
        while (p < record.Length)
        {
            long v = 0;
            for (var b = 0; p < record.Length; b++)
            {
                var x = record[p++];
                if (b == 8) { v = (v << 8) | x; break; } // the ninth byte holds 8 bits
                v = (v << 7) | (uint)(x & 0x7f);
                if ((x & 0x80) == 0) break;
            }
            total += v;
        }
        return (int)total;
    }

    private static void SetState(DbConnection c, DbTransaction tx, string key, string value)
    {
        using var cmd = Sql.Command(c, tx, $"INSERT OR REPLACE INTO {ImpactLists.State} (key, value) VALUES ($k, $v)", "$k", "$v");
        Sql.Set(cmd, key, value);
        cmd.ExecuteNonQuery();
    }
}
