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

    private LuceneQueryBuilder? _queries;
    internal LuceneQueryBuilder Queries => _queries ??= new LuceneQueryBuilder(_analyzer, _options.TitleBoost, _analysis.Analyzer.Normalize);

    /// <summary>The access condition as a Lucene query (for the spelling part): public rows plus the caller's grants.</summary>
    internal static Query AccessQuery(SearchAccess access) => LuceneQueryBuilder.AccessFilter(access);

    internal static Query Filtered(Query query, Query filter) => new FilteredQuery(query, new QueryWrapperFilter(filter));

    public SearchResults Search(SearchRequest request)
    {
        var q = Queries.Build(request.Query, request.Access, request.From, request.To);
        var pageSize = Math.Max(1, request.PageSize);
        var skip = (Math.Max(1, request.Page) - 1) * pageSize;
        var need = skip + pageSize;
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
                searcher.Search(Filtered(new MatchAllDocsQuery(), q.Filter), MultiCollector.Wrap(facets, top));
                page = top.GetTopDocs(skip, pageSize).ScoreDocs.Select(d => (d.Doc, 0.0, 0)).ToList();
            }
            else
            {
                var either = new BooleanQuery { { q.Words, Occur.SHOULD }, { q.Bigrams, Occur.SHOULD } };
                var words = Filtered(q.Words, q.Filter);
                if (request.Sort == SearchSort.Date)
                {
                    var top = TopFieldCollector.Create(ByDate, need, true, false, false, false);
                    searcher.Search(Filtered(either, q.Filter), MultiCollector.Wrap(facets, top));
                    var docs = top.GetTopDocs(skip, pageSize).ScoreDocs;
                    var wordMatches = new DocSetCollector();
                    if (docs.Length > 0) searcher.Search(words, wordMatches);
                    page = docs.Select(d => (d.Doc, 0.0, wordMatches.Docs.Contains(d.Doc) ? 0 : 1)).ToList();
                }
                else
                {
                    searcher.Search(Filtered(either, q.Filter), facets);
                    page = Ranked(searcher, words, q, need, skip, pageSize);
                }
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
    private static List<(int Doc, double Score, int Tier)> Ranked(IndexSearcher searcher, Query words, LuceneQueryBuilder.Queries q,
        int need, int skip, int pageSize)
    {
        var tier0 = searcher.Search(words, null, need, ByRelevance, true, false);
        var page = tier0.ScoreDocs.Skip(skip).Select(d => (d.Doc, (double)d.Score, 0)).ToList();
        if (tier0.TotalHits >= need) return page;
        var bigramsOnly = new BooleanQuery { { q.Bigrams, Occur.MUST }, { q.Words, Occur.MUST_NOT } };
        var tier1 = searcher.Search(Filtered(bigramsOnly, q.Filter), null, need - tier0.TotalHits, ByRelevance, true, false);
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
