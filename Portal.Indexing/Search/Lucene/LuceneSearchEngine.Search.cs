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
                var top = TopFieldCollector.Create(ByDate, need, true, false, false, false);
                searcher.Search(Restrict(new MatchAllDocsQuery(), access, q.Conditions), MultiCollector.Wrap(facets, top));
                page = top.GetTopDocs(skip, pageSize).ScoreDocs.Select(d => (d.Doc, 0.0, 0)).ToList();
            }
            else
            {
                // Counting and facets need no scores: every match, unscored. The bigram recall net joins only when the
                // words find few rows (as the legacy engines did below their candidate cap): a frequent word's bigram
                // matches would cost a scan of every bigram beginning with it and add nothing a reader would page to.
                var words = Restrict(q.Words, access, q.Conditions);
                searcher.Search(Restrict(new ConstantScoreQuery(q.Words), access, q.Conditions), facets);
                Query? bigramsOnly = null;
                if (facets.Total < _options.RecallNetBelow)
                {
                    bigramsOnly = Restrict(new BooleanQuery { { q.Bigrams, Occur.MUST }, { q.Words, Occur.MUST_NOT } }, access, q.Conditions);
                    searcher.Search(new ConstantScoreQuery(bigramsOnly), facets);
                }
                if (request.Sort == SearchSort.Date)
                {
                    var top = TopFieldCollector.Create(ByDate, need, true, false, false, false);
                    var wordMatches = new DocSetCollector();
                    searcher.Search(words, bigramsOnly is null ? top : MultiCollector.Wrap(top, wordMatches));
                    if (bigramsOnly is not null) searcher.Search(bigramsOnly, top);
                    page = top.GetTopDocs(skip, pageSize).ScoreDocs
                        .Select(d => (d.Doc, 0.0, bigramsOnly is null || wordMatches.Docs.Contains(d.Doc) ? 0 : 1)).ToList();
                }
                else page = Ranked(searcher, words, bigramsOnly, need, skip, pageSize);
            }
            var (types, units, years) = request.WithFacets ? facets.Facets() : ([], [], []);
            var terms = request.WithSnippets ? _highlighter.TermsOf(request.Query) : null;
            var hits = page.Select(p => Hit(searcher.Doc(p.Doc), p.Score, p.Tier, terms)).ToList();
            return new SearchResults(hits, facets.Total, false, types, units, years);
        }
        finally { release(); }
    }

    /// <summary>
    /// By relevance: every word match (tier 0) ranks above every bigram-only match (tier 1, the recall net); ties go to
    /// the newer row.
    /// </summary>
    private static List<(int Doc, double Score, int Tier)> Ranked(IndexSearcher searcher, Query words, Query? bigramsOnly,
        int need, int skip, int pageSize)
    {
        var tier0 = searcher.Search(words, null, need, ByRelevance, true, false);
        var page = tier0.ScoreDocs.Skip(skip).Select(d => (d.Doc, (double)d.Score, 0)).ToList();
        if (tier0.TotalHits >= need || bigramsOnly is null) return page;
        var tier1 = searcher.Search(bigramsOnly, null, need - tier0.TotalHits, ByRelevance, true, false);
        page.AddRange(tier1.ScoreDocs.Skip(Math.Max(0, skip - tier0.TotalHits)).Select(d => (d.Doc, (double)d.Score, 1)));
        return page.Take(pageSize).ToList();
    }

    /// <summary>
    /// A hit from its stored fields. The snippet is cut by our <see cref="Highlighter"/> from the stored ORIGINAL body:
    /// it marks whole words of our analyzer and the query's character runs in the text as written (Traditional
    /// included), which Lucene's highlighter could do only with offsets of the normalised text.
    /// </summary>
    private SearchHit Hit(Document doc, double score, int tier, HighlightTerms? terms) =>
        new(IndexKey.Parse(doc.Get(LuceneFields.Key)), doc.Get(LuceneFields.Title) ?? "", doc.Get(LuceneFields.Type) ?? "",
            doc.Get(LuceneFields.Unit), LuceneFields.DateOf(doc.GetField(LuceneFields.Date)?.GetInt32Value()), score, tier)
        {
            SnippetHtml = terms is null ? null : _highlighter.Snippet(doc.Get(LuceneFields.Body) ?? "", terms),
            SourceFile = doc.Get(LuceneFields.SourceFile),
            Part = doc.GetField(LuceneFields.Part)?.GetInt32Value(),
        };
}
