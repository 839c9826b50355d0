using System.Data.Common;
using System.Globalization;

namespace Portal.Indexing.Search;

public sealed partial class PgSearchEngine
{
    private const string Fields = "m.title, m.doc_type, m.unit, m.year, to_char(m.date, 'YYYY-MM-DD')";

    public LegacySearchResults Search(DbConnection connection, SearchRequest request)
    {
        var c = Pg(connection);
        EnsureCreated(c);
        var q = request.Query;
        var expr = _query.Build(q);
        var filter = FilterOf(q.Types, q.Units, q.Years, request.From, request.To, request.Access);
        var cap = Math.Max(_options.CandidateCap, request.Page * request.PageSize);
        List<SearchCandidate> all;
        bool lowerBound;
        int total;
        if (expr.Words is null)
        {
            if (!q.HasFilters && request.From is null && request.To is null) return LegacySearchResults.Empty;
            // Filters only: the newest documents that pass them (and contain no excluded word).
            var args = new List<(string, object?)>(filter.Args);
            var excluded = _query.ExclusionsOnly(q) is { } x ? " AND NOT " + x.Sql(args) : "";
            args.Add(("@cap", cap + 1));
            all = SearchCandidates.Read(c,
                $"SELECT m.id, 0.0::float8, {Fields} FROM {Table} m WHERE {filter.Sql}{excluded} " +
                "ORDER BY m.date DESC NULLS LAST, m.id DESC LIMIT @cap", args, 0);
            lowerBound = all.Count > cap;
            if (lowerBound) all.RemoveAt(all.Count - 1);
            total = all.Count;
        }
        else
        {
            (all, total, lowerBound) = SearchCandidates.Tiers(_options, request, cap,
                limit => Candidates(c, expr.Words, false, filter, limit, 0),
                (limit, scored) => Candidates(c, expr.Bigrams!, true, filter, limit, 1, scored),
                limit => Count(c, new PgCond.Any([expr.Words, expr.Bigrams!]), filter, limit));
        }
        return SearchCandidates.Results(all, request, total, lowerBound, null);
    }

    /// <summary>ts_rank_cd's weights {D, C, B, A}: body sub-words, title sub-words, body, title, relative to the title.</summary>
    private string RankWeights
    {
        get
        {
            var t = Math.Max(_options.TitleWeight, 1e-6);
            double[] w = [_options.SubWordWeight / t, _options.SubWordWeight, 1.0 / t, 1.0];
            return "'{" + string.Join(",", w.Select(x => Math.Min(x, 1.0).ToString("0.######", CultureInfo.InvariantCulture))) + "}'::float4[]";
        }
    }

    /// <summary>
    /// The newest matches (up to <paramref name="limit"/> of documents and of other sources each, see
    /// <see cref="SearchCandidates.Share"/>), then scored: ts_rank_cd reads every vector it scores, so only those few are.
    /// Length normalisation 1 (rank / (1 + log length)) stands in for BM25's preference for short documents.
    /// </summary>
    private List<SearchCandidate> Candidates(DbConnection c, PgCond cond, bool bigrams, PgFilter filter, int limit, int tier, bool scored = true)
    {
        var args = new List<(string, object?)>(filter.Args);
        var where = cond.Sql(args);
        var rank = "0.0::float8";
        if (scored)
        {
            var (column, query) = cond.RankQuery(bigrams) is { } rq ? (bigrams, rq)
                : cond.RankQuery(!bigrams) is { } other ? (!bigrams, other) : (bigrams, null);
            if (query is not null)
            {
                args.Add(("@rank", query));
                rank = $"-ts_rank_cd({RankWeights}, m.{(column ? "bigrams" : "words")}, @rank::tsquery, 1)::float8";
            }
        }
        args.Add(("@limit", limit));
        string Newest(string ids, string order) =>
            $"(SELECT m.id FROM {Table} m WHERE {where} AND m.id {ids} AND {filter.Sql} ORDER BY m.id {order} LIMIT @limit)";
        var rows = SearchCandidates.Read(c,
            $"SELECT m.id, {rank}, {Fields} FROM ({Newest("> 0", "DESC")} UNION ALL {Newest("< 0", "ASC")}) f " +
            $"JOIN {Table} m ON m.id = f.id", args, tier);
        var documents = rows.Where(r => r.Id > 0).OrderByDescending(r => r.Id).ToList();
        var others = rows.Where(r => r.Id < 0).OrderBy(r => r.Id).ToList();
        return SearchCandidates.Share(documents, others, limit);
    }

    private static int Count(DbConnection c, PgCond cond, PgFilter filter, int limit)
    {
        var args = new List<(string, object?)>(filter.Args);
        var where = cond.Sql(args);
        args.Add(("@limit", limit));
        using var cmd = Sql.Command(c, null, $"SELECT count(*) FROM (SELECT 1 FROM {Table} m WHERE {where} AND {filter.Sql} LIMIT @limit) x");
        foreach (var (n, v) in args) Sql.Add(cmd, n, v);
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private sealed record PgFilter(string Sql, List<(string, object?)> Args);

    private PgFilter FilterOf(IReadOnlyList<string> types, IReadOnlyList<string> units,
        IReadOnlyList<int> years, DateOnly? from, DateOnly? to, SearchAccess access)
    {
        var parts = new List<string> { "TRUE" };
        var args = new List<(string, object?)>();
        string P(object v) { var name = "@f" + args.Count.ToString(CultureInfo.InvariantCulture); args.Add((name, v)); return name; }

        // Public documents, plus those sharing a key with the caller's grants.
        if (!access.All)
            parts.Add(access.Keys.Count == 0 ? "m.access IS NULL"
                : $"(m.access IS NULL OR m.access && {P(access.Keys.Select(AccessKey).ToArray())}::text[])");
        if (types.Count > 0)
            parts.Add($"m.doc_type = ANY({P(types.SelectMany(t => new[] { t, _analysis.Analyzer.Normalize(t) }).Select(PgText.Clean).Distinct().ToArray())}::text[])");
        if (units.Count > 0)
            parts.Add("(" + string.Join(" OR ", units.Select(u => $"strpos(m.unit_norm, {P(PgText.Clean(_analysis.Analyzer.Normalize(u)))}::text) > 0")) + ")");
        if (years.Count > 0)
            parts.Add($"m.year = ANY({P(years.ToArray())}::int[])");
        if (from is { } f) parts.Add($"m.date >= {P(f)}::date");
        if (to is { } t) parts.Add($"m.date <= {P(t)}::date");
        return new PgFilter(string.Join(" AND ", parts), args);
    }
}
