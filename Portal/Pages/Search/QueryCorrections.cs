using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>
/// 您是不是要找：… for a search that found little: the query again with one term replaced by a close indexed word
/// (the same pinyin first: 督查督半 → 督查督办), each word one the caller can find.
/// </summary>
public static class QueryCorrections
{
    /// <summary>Fewer hits than this and the page offers corrections (the "nothing or little").</summary>
    public const int FewHits = 3;

    /// <param name="query">The query as typed (the page keeps its own filters beside it).</param>
    /// <param name="request">The search that found little (its access and filters are kept when terms are counted).</param>
    public static IReadOnlyList<string> For(ISearchEngine engine, SearchQuery query, SearchRequest request, int top)
    {
        var terms = query.PositiveTerms.Distinct().ToList();
        var corrected = new List<string>();
        foreach (var term in terms)
        {
            // With several terms, the one that finds enough alone is not the typo.
            if (terms.Count > 1 && Count(engine, request, term) >= FewHits) continue;
            foreach (var word in engine.DidYouMean(term.Text, request.Access, top))
            {
                var text = Replace(query, term, word).ToString();
                if (!corrected.Contains(text)) corrected.Add(text);
            }
        }
        return corrected.Take(top).ToList();
    }

    private static int Count(ISearchEngine engine, SearchRequest request, QueryTerm term) =>
        engine.Search(request with
        {
            Query = request.Query with { Required = [new QueryGroup([term])], Excluded = [] },
            Page = 1, PageSize = 1, WithFacets = false, WithSnippets = false,
        }).Total;

    private static SearchQuery Replace(SearchQuery query, QueryTerm term, string word) => query with
    {
        Required = query.Required.Select(g => new QueryGroup(g.Alternatives.Select(t => t == term ? t with { Text = word } : t).ToList())).ToList(),
        Notices = [],
    };
}
