using System.Collections.Concurrent;
using Lucene.Net.Documents;
using Lucene.Net.Search;

namespace Portal.Indexing.Search.Lucene;

/// <summary>Searching: tiers, order, paging, exact totals, facets and snippets.</summary>
public sealed partial class LuceneSearchEngine
{
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE,
        new SortField(LuceneFields.DateOrder, SortFieldType.INT64, true), new SortField(LuceneFields.Id, SortFieldType.INT64, true));
    private static readonly Sort ByDate = new(
        new SortField(LuceneFields.DateOrder, SortFieldType.INT64, true), new SortField(LuceneFields.Id, SortFieldType.INT64, true));

    private const int MaxDepth = 10_000;

    private LuceneQueryBuilder? _queries;
    internal LuceneQueryBuilder Queries => _queries ??= new LuceneQueryBuilder(_analyzer, _options.TitleBoost, _analysis.Analyzer.Normalize);

    /// <summary>The access condition as a Lucene query: public rows plus the caller's grants.</summary>
    internal static Query AccessQuery(SearchAccess access) => LuceneQueryBuilder.AccessQuery(access);

    private readonly ConcurrentDictionary<string, Filter> _accessFilters = new(StringComparer.Ordinal);

    /// <summary>
    /// The access condition as a filter, cached per set of keys: its bits per segment are computed once (new segments
    /// only after a write), and a search then tests each match against them instead of intersecting with the ~all rows
    /// that are public.
    /// </summary>
    internal Filter AccessFilter(SearchAccess access)
    {
        var key = string.Join('\u001f', access.Keys.Distinct().Order(StringComparer.Ordinal));
        if (_accessFilters.Count > 1000) _accessFilters.Clear();
        return _accessFilters.GetOrAdd(key, _ => new CachingWrapperFilter(new QueryWrapperFilter(AccessQuery(access))));
    }

    /// <summary>
    /// <paramref name="query"/> limited to the rows the caller may see and that meet the conditions (for the spelling part
    /// too: every path that reads the index goes through here).
    /// </summary>
    internal Query Restrict(Query query, SearchAccess access, Query? conditions = null)
    {
        if (conditions is not null) query = new FilteredQuery(query, new QueryWrapperFilter(conditions));
        return access.All ? query : new FilteredQuery(query, AccessFilter(access));
    }

    /// <summary>
    /// One search down every path a page's search takes (words, facets, the access filter, snippets), so that the first
    /// user after a start does not wait for the code to be compiled and the index's structures to be read.
    /// </summary>
    public void Warm()
    {
        foreach (var text in new[] { "通知", "工作 会议", "办公室 督办" })
            Search(new SearchRequest(QueryParser.Parse(text), SearchAccess.For(null, [])) { PageSize = 10 });
    }

    public SearchResults Search(SearchRequest request)
    {
        var q = Queries.Build(request.Query, request.From, request.To);
        var access = request.Access;
        // Pages deeper than MaxDepth rows show no hits (a forged page number must not make Lucene allocate its queue).
        var pageSize = Math.Clamp(request.PageSize, 1, MaxDepth);
        var skip = (int)Math.Min(MaxDepth, (Math.Max(1L, request.Page) - 1) * pageSize);
        var need = Math.Min(MaxDepth, skip + pageSize);
        var (searcher, release) = AcquireSearcher();
        try
        {
            var facets = new FacetCollector(request.WithFacets);
            List<(int Doc, double Score, int Tier)> page;
            if (q.Words is null)
            {
                if (!request.Query.HasFilters && request.From is null && request.To is null) return SearchResults.Empty;
                // Filters only: every row they select, newest first.
                var top = Top(byDate: true, need);
                searcher.Search(Restrict(new MatchAllDocsQuery(), access, q.Conditions), MultiCollector.Wrap(facets, top));
                page = top.GetTopDocs(skip, pageSize).ScoreDocs.Select(d => (d.Doc, 0.0, 0)).ToList();
            }
            else page = Matches(searcher, q, request, facets, need, skip, pageSize);
            var (types, units, years) = request.WithFacets ? facets.Facets() : ([], [], []);
            var terms = request.WithSnippets ? _highlighter.TermsOf(request.Query) : null;
            var fields = new HitFields(searcher);
            var hits = page.Select(p => fields.Hit(p.Doc, p.Score, p.Tier) with
            {
                SnippetHtml = terms is null ? null : _highlighter.Snippet(fields.Body(p.Doc), terms),
            }).ToList();
            return new SearchResults(hits, facets.Total, false, types, units, years);
        }
        finally { release(); }
    }

    /// <summary>
    /// One pass over the word matches counts them, counts the facets and keeps the best rows. The bigram recall net (tier
    /// 1: rows holding the characters but not the words) joins only when the words find few rows, as the legacy engines
    /// did below their candidate cap: a frequent word's bigram matches would cost a scan of every bigram beginning with it
    /// and add nothing a reader would page to. By relevance every word match ranks above every bigram-only match; by date
    /// the two tiers are merged. Ties go to the newer row.
    /// </summary>
    private List<(int Doc, double Score, int Tier)> Matches(IndexSearcher searcher, LuceneQueryBuilder.Queries q,
        SearchRequest request, FacetCollector facets, int need, int skip, int pageSize)
    {
        var access = request.Access;
        var byDate = request.Sort == SearchSort.Date;
        var tier0 = Top(byDate, need);
        searcher.Search(Restrict(q.Words!, access, q.Conditions), MultiCollector.Wrap(facets, tier0));
        var words = tier0.GetTopDocs().ScoreDocs;
        var wordTotal = facets.Total;
        if (wordTotal >= _options.RecallNetBelow)
            return words.Skip(skip).Take(pageSize).Select(d => (d.Doc, (double)d.Score, 0)).ToList();

        var bigramsOnly = Restrict(new BooleanQuery { { q.Bigrams, Occur.MUST }, { q.Words, Occur.MUST_NOT } }, access, q.Conditions);
        // By relevance the bigram rows only fill what the word rows leave of the first `need`.
        var rest = byDate ? need : need - words.Length;
        var tier1 = rest > 0 ? Top(byDate, rest) : null;
        searcher.Search(bigramsOnly, tier1 is null ? facets : MultiCollector.Wrap(facets, tier1));
        var bigrams = tier1?.GetTopDocs().ScoreDocs ?? [];
        var both = words.Select(d => (Hit: d, Tier: 0)).Concat(bigrams.Select(d => (Hit: d, Tier: 1)));
        if (byDate) both = both.OrderByDescending(x => SortValue(x.Hit, 0)).ThenByDescending(x => SortValue(x.Hit, 1));
        return both.Skip(skip).Take(pageSize).Select(x => (x.Hit.Doc, byDate ? 0.0 : x.Hit.Score, x.Tier)).ToList();
    }

    /// <summary>A sort value of a hit collected by <see cref="Top"/> (date, then id for the date order).</summary>
    private static long SortValue(ScoreDoc hit, int field) =>
        Convert.ToInt64(((FieldDoc)hit).Fields[field], System.Globalization.CultureInfo.InvariantCulture);

    private static TopFieldCollector Top(bool byDate, int rows) =>
        TopFieldCollector.Create(byDate ? ByDate : ByRelevance, rows, fillFields: true, trackDocScores: !byDate, trackMaxScore: false, docsScoredInOrder: false);
}
