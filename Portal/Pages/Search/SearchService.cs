using System.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>What the search form and <c>/api/search</c> accept (query string).</summary>
public sealed record SearchInput
{
    public string? Q { get; init; }
    public string? Type { get; init; }
    public string? Unit { get; init; }
    public int? Year { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>"date" for newest first; anything else is relevance.</summary>
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int? Size { get; init; }
}

/// <summary>A hit with its snippet (HTML, marks around the matches); <see cref="Url"/> opens the page of its source.</summary>
public sealed record SearchItem(SearchHit Hit, SearchSourceSet Sources)
{
    public string SnippetHtml => Hit.SnippetHtml ?? "";
    /// <summary>The file a library piece was imported from (来源文件).</summary>
    public string? Source => Hit.SourceFile;
    public int? Part => Hit.Part;
    public string Url(string? q = null, string? back = null) => Sources.Url(Hit.Key, q, back);
}

public sealed record SearchOutcome(
    SearchInput Input,
    SearchQuery Query,
    SearchResults Results,
    IReadOnlyList<SearchItem> Items,
    TimeSpan Elapsed,
    int Page,
    int PageSize,
    /// <summary>Why nothing was searched (empty query, nothing searchable), in Chinese; null when a search ran.</summary>
    string? Message,
    /// <summary>For no results: a looser query and how many it finds.</summary>
    string? LooserQuery,
    int LooserTotal)
{
    public IReadOnlyList<string> Notices => Query.Notices;
    /// <summary>The index's state when the search ran: not caught up yet (a new instance building it), results may be incomplete.</summary>
    public SearchIndexStatus Index { get; init; } = SearchIndexStatus.Current;
    /// <summary>您是不是要找: the query with a term corrected (see <see cref="QueryCorrections"/>); empty unless asked for and little was found.</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];
    public int PageCount => Math.Max(1, (Results.Total + PageSize - 1) / PageSize);
}

/// <summary>Runs a search for the current user: access scope, engine (hits come with their snippets), pages by source.</summary>
public sealed class SearchService(
    SearchIndexFollower follower, SearchSourceSet sources, CurrentUser user, IOptions<SearchPageOptions> options, ILogger<SearchService> log)
{
    public const int MaxPage = 200;

    public const string IndexUnreadable = "检索索引暂时无法读取，请稍后再试；如果一直如此，请系统管理员在“系统管理 › 索引维护”中重建索引。";

    /// <summary>Administrators see everything; others public documents plus what their unit or role is granted.</summary>
    public SearchAccess Access => user.IsAdmin ? SearchAccess.Everything : SearchAccess.For(user.UnitId, user.RolesOf());

    private ISearchEngine Engine => follower.Engine;

    /// <param name="withCorrections">Offer corrected queries when fewer than <see cref="QueryCorrections.FewHits"/> hits are
    /// found (the search page; the API and the command line do without).</param>
    public SearchOutcome Search(SearchInput input, SearchAccess? access = null, bool withFacets = true, bool withCorrections = false)
    {
        var watch = Stopwatch.StartNew();
        access ??= Access;
        var parsed = QueryParser.Parse(input.Q);
        var query = parsed with
        {
            Types = Add(parsed.Types, input.Type),
            Units = Add(parsed.Units, input.Unit),
            Years = input.Year is int y ? parsed.Years.Append(y).Distinct().ToList() : parsed.Years,
        };
        var size = Math.Clamp(input.Size ?? options.Value.PageSize, 1, 100);
        var page = Math.Clamp(input.Page, 1, MaxPage);
        var request = new SearchRequest(query, access)
        {
            Sort = string.Equals(input.Sort, "date", StringComparison.OrdinalIgnoreCase) ? SearchSort.Date : SearchSort.Relevance,
            Page = page,
            PageSize = size,
            From = input.From,
            To = input.To,
            WithFacets = withFacets,
        };

        if (query.Required.Count == 0 && !query.HasFilters && input.From is null && input.To is null)
            return new SearchOutcome(input, query, SearchResults.Empty, [], watch.Elapsed, page, size,
                string.IsNullOrWhiteSpace(input.Q) ? null : "没有可检索的词：请输入汉字、字母或数字。", null, 0) { Index = follower.Status };

        SearchResults results;
        try { results = Engine.Search(request); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A damaged or closed index: say so on the page instead of failing it (the rebuild repairs it).
            log.LogError(ex, "检索索引读取失败");
            return new SearchOutcome(input, query, SearchResults.Empty, [], watch.Elapsed, page, size, IndexUnreadable, null, 0) { Index = follower.Status };
        }
        var message = results.Total == 0 && query.Required.Count > 0 && query.PositiveTerms.All(t => !TextAnalysis.Searchable(t.Text))
            ? "没有可检索的词：请输入汉字、字母或数字。" : null;
        var items = results.Hits.Select(h => new SearchItem(h, sources)).ToList();

        string? looser = null;
        var looserTotal = 0;
        if (results.Total == 0 && message is null)
        {
            var loose = query.Loosened();
            if (loose is not null)
            {
                looserTotal = Engine.Search(request with
                {
                    Query = loose, Page = 1, PageSize = 1, From = null, To = null, WithFacets = false, WithSnippets = false,
                }).Total;
                if (looserTotal > 0) looser = loose.ToString();
            }
        }
        var corrections = withCorrections && message is null && results.Total < QueryCorrections.FewHits
            ? QueryCorrections.For(Engine, parsed, request, options.Value.CorrectionCount) : [];
        return new SearchOutcome(input, query, results, items, watch.Elapsed, page, size, message, looser, looserTotal)
        {
            Index = follower.Status,
            Corrections = corrections,
        };
    }

    private static IReadOnlyList<string> Add(IReadOnlyList<string> list, string? value) =>
        string.IsNullOrWhiteSpace(value) ? list : list.Append(value.Trim()).Distinct().ToList();

    public IReadOnlyList<Suggestion> Suggest(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return [];
        return Engine.Suggest(q, Access, options.Value.SuggestCount);
    }
}

/// <summary>
/// What search adds to a document page (Library/Details): the query's words marked in the text, and similar
/// documents the reader may see.
/// </summary>
public sealed class DocumentSearchExtras(
    SearchIndexFollower follower, Highlighter highlighter, SearchSourceSet sources, SearchService search, IOptions<SearchPageOptions> options)
{
    /// <summary>The body as HTML paragraphs with the words of <paramref name="q"/> marked; null when there is no query.</summary>
    public IReadOnlyList<string>? MarkedParagraphs(Document doc, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var terms = highlighter.TermsOf(QueryParser.Parse(q));
        return terms.IsEmpty ? null : highlighter.MarkParagraphs(doc.Body, terms);
    }

    /// <summary>The given paragraphs (as the document page lays them out) HTML-encoded with the words of <paramref name="q"/>
    /// marked, one for one; null when there is no query.</summary>
    public IReadOnlyList<string>? MarkEach(IReadOnlyList<string> paragraphs, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var terms = highlighter.TermsOf(QueryParser.Parse(q));
        return terms.IsEmpty ? null : paragraphs.Select(p => Highlighter.Render(p, 0, p.Length, highlighter.Find(p, terms), false)).ToList();
    }

    public string? MarkedTitle(Document doc, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var terms = highlighter.TermsOf(QueryParser.Parse(q));
        return terms.IsEmpty ? null : Highlighter.Render(doc.Title, 0, doc.Title.Length, highlighter.Find(doc.Title, terms), false);
    }

    /// <summary>Entries sharing the most distinctive words of the document's entry, among those the reader may see.</summary>
    public IReadOnlyList<SearchItem> Similar(Document doc) =>
        follower.Engine.Similar(new IndexKey(SearchChange.DocumentSource, doc.Id), search.Access, options.Value.SimilarCount)
            .Select(h => new SearchItem(h, sources)).ToList();
}
