using System.Data.Common;
using System.Globalization;

namespace Portal.Indexing.Search;

/// <summary>One match as an engine reads it: score lower is better (FTS5's bm25; the negated rank on PostgreSQL).</summary>
internal sealed record SearchCandidate(int Id, double Score, int Tier, string Title, string DocType, string? Unit, int? Year, string? Date);

/// <summary>
/// The engine-independent half of a search: the tiers and their cap, the total, the order, the page and the facets.
/// Engines supply the SQL (as delegates); the rules stay in one place so every engine keeps the same contract.
/// </summary>
internal static class SearchCandidates
{
    /// <summary>Reads rows of (id, score, title, doc_type, unit, year, date as yyyy-MM-dd).</summary>
    public static List<SearchCandidate> Read(DbConnection c, string sql, IEnumerable<(string, object?)> args, int tier) =>
        Rows(c, sql, args, r => new SearchCandidate(r.GetInt32(0), r.GetDouble(1), tier, r.GetString(2), r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6)));

    private static List<SearchCandidate> Rows(DbConnection c, string sql, IEnumerable<(string, object?)> args, Func<DbDataReader, SearchCandidate> row)
    {
        using var cmd = Sql.Command(c, null, sql);
        foreach (var (n, v) in args) Sql.Add(cmd, n, v);
        var list = new List<SearchCandidate>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(row(r));
        return list;
    }

    /// <summary>
    /// SQLite: the fields ordering and facets need (type, unit, date) of <c>search_meta m</c> as one text column.
    /// Every column read is a call into SQLite and back; reading one instead of six per row halved the cost of
    /// reading a frequent word's 200 listed documents. Units and dates that are NULL are written as U+001E.
    /// </summary>
    public const string SqlitePackedFields = "m.doc_type || char(31) || ifnull(m.unit, char(30)) || char(31) || ifnull(m.date, char(30))";

    /// <summary>Reads rows of (id, score, <see cref="SqlitePackedFields"/>); titles are left empty (the engine reads those of the hits it shows).</summary>
    public static List<SearchCandidate> ReadPacked(DbConnection c, string sql, IEnumerable<(string, object?)> args, int tier) =>
        Rows(c, sql, args, r =>
        {
            var fields = r.GetString(2);
            // The type comes first and the date last (neither holds U+001F); whatever lies between is the unit.
            int first = fields.IndexOf('\u001F'), last = fields.LastIndexOf('\u001F');
            var unit = fields[(first + 1)..last];
            var date = fields[(last + 1)..];
            var hasDate = date != "\u001E";
            return new SearchCandidate(r.GetInt32(0), r.GetDouble(1), tier, "", fields[..first], unit == "\u001E" ? null : unit,
                hasDate ? int.Parse(date.AsSpan(0, 4), CultureInfo.InvariantCulture) : null, hasDate ? date : null);
        });

    /// <summary>
    /// The newest matches of each source: positive ids (documents) and negative ids (other sources, e.g. submissions
    /// as -id). When both are many, each keeps its share of the limit, so neither crowds out the other.
    /// </summary>
    public static List<SearchCandidate> Share(List<SearchCandidate> documents, List<SearchCandidate> others, int limit)
    {
        if (documents.Count + others.Count <= limit) return [.. documents, .. others];
        var share = Math.Max(limit - others.Count, (int)Math.Ceiling(limit * (double)documents.Count / (documents.Count + others.Count)));
        return [.. documents.Take(share), .. others.Take(limit - Math.Min(share, documents.Count))];
    }

    /// <summary>
    /// Word matches (tier 0) first, then bigram-only matches (tier 1) while the cap allows; when the cap is hit the
    /// total is counted (unscored) up to <see cref="SearchEngineOptions.ExactCountLimit"/>.
    /// </summary>
    /// <param name="words">limit → tier-0 candidates, scored.</param>
    /// <param name="bigrams">(limit, scored) → tier-1 candidates (may include word matches; they are dropped here).</param>
    /// <param name="count">limit → matches of either tier, counted up to limit.</param>
    public static (List<SearchCandidate> All, int Total, bool LowerBound) Tiers(SearchEngineOptions options, SearchRequest request, int cap,
        Func<int, List<SearchCandidate>> words, Func<int, bool, List<SearchCandidate>> bigrams, Func<int, int> count)
    {
        var lowerBound = false;
        var all = words(cap + 1);
        if (all.Count > cap) { lowerBound = true; all.RemoveAt(all.Count - 1); }
        else
        {
            var seen = all.Select(c => c.Id).ToHashSet();
            // Bigram-only matches rank below every word match, so they need scores only when they reach this
            // page (or the page is sorted by date).
            var scoreTier1 = request.Sort == SearchSort.Relevance && all.Count < request.Page * request.PageSize;
            var tier1 = bigrams(cap + 1, scoreTier1).Where(c => !seen.Contains(c.Id)).ToList();
            if (tier1.Count + all.Count > cap) lowerBound = true;
            all.AddRange(tier1.Take(cap - all.Count));
        }
        var total = all.Count;
        if (lowerBound && options.ExactCountLimit > 0)
            total = Math.Max(total, count(options.ExactCountLimit));
        if (total >= options.ExactCountLimit) lowerBound = true;
        else if (options.ExactCountLimit > 0) lowerBound = false;
        return (all, total, lowerBound);
    }

    /// <summary>The requested page of the candidates and the facets over all of them.</summary>
    public static LegacySearchResults Results(List<SearchCandidate> all, SearchRequest request, int total, bool lowerBound, int? facetsOfTop)
    {
        IEnumerable<SearchCandidate> ordered = request.Sort == SearchSort.Date
            ? all.OrderByDescending(c => c.Date ?? "").ThenByDescending(c => c.Id)
            : all.OrderBy(c => c.Tier).ThenBy(c => Math.Round(c.Score, 6)).ThenByDescending(c => c.Date ?? "").ThenByDescending(c => c.Id);
        var page = ordered.Skip((Math.Max(request.Page, 1) - 1) * request.PageSize).Take(request.PageSize).Select(Hit).ToList();

        if (!request.WithFacets) return new LegacySearchResults(page, total, lowerBound, [], [], []);
        return new LegacySearchResults(page, total, lowerBound,
            Facet(all.Select(c => c.DocType)),
            Facet(all.Select(c => c.Unit).Where(u => u is not null)!),
            Facet(all.Where(c => c.Year is not null).Select(c => c.Year!.Value.ToString(CultureInfo.InvariantCulture)), byValueDescending: true))
        {
            FacetsOfTop = facetsOfTop ?? (lowerBound ? all.Count : null),
        };
    }

    /// <summary>The best-scored candidates, newer first on ties (title suggestions).</summary>
    public static IEnumerable<SearchCandidate> Best(IEnumerable<SearchCandidate> candidates) =>
        candidates.OrderBy(c => Math.Round(c.Score, 6)).ThenByDescending(c => c.Date ?? "");

    /// <summary>Similar documents: the best-scored, newer first on ties.</summary>
    public static List<LegacySearchHit> Similar(IEnumerable<SearchCandidate> candidates, int top) =>
        candidates.OrderBy(c => c.Score).ThenByDescending(c => c.Date ?? "").Take(top).Select(c => Hit(c) with { Tier = 0 }).ToList();

    /// <summary>
    /// The most distinctive words of a document, for similar documents: frequent in it, rare in the index (tf·idf),
    /// titles counted thrice; at most 8. <paramref name="documentFrequency"/> gives a word's documents in the index.
    /// </summary>
    public static List<string> DistinctiveWords(TextAnalysis analysis, LegacyIndexDocument document, int indexed, Func<string, double> documentFrequency)
    {
        var tf = new Dictionary<string, int>();
        void Count(string text, int weight)
        {
            foreach (var t in TextAnalysis.Split(analysis.Analyzer.Search(text)).Words)
                if (t.Text.Length >= 2 && !t.Text.All(char.IsAsciiDigit))
                    tf[t.Text] = tf.GetValueOrDefault(t.Text) + weight;
        }
        Count(document.Title, 3);
        Count(document.Body.Length > 20000 ? document.Body[..20000] : document.Body, 1);
        if (tf.Count == 0) return [];
        return tf.OrderByDescending(kv => kv.Value).Take(40)
            .Select(kv =>
            {
                var d = documentFrequency(kv.Key);
                return (kv.Key, Weight: d <= 1 ? 0 : kv.Value * Math.Log(indexed / d));
            })
            .Where(w => w.Weight > 0).OrderByDescending(w => w.Weight).Take(8).Select(w => w.Key).ToList();
    }

    public static LegacySearchHit Hit(SearchCandidate c) =>
        new(c.Id, c.Title, c.DocType, c.Unit,
            c.Date is null ? null : DateOnly.ParseExact(c.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), -c.Score, c.Tier);

    private static List<FacetValue> Facet(IEnumerable<string> values, bool byValueDescending = false)
    {
        var groups = values.GroupBy(v => v).Select(g => new FacetValue(g.Key, g.Count()));
        return (byValueDescending
            ? groups.OrderByDescending(f => f.Value, StringComparer.Ordinal)
            : groups.OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)).ToList();
    }
}
