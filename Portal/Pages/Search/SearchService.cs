using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
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

/// <summary>A hit with its snippet; <see cref="Url"/> opens a document or an information item (see <see cref="SearchSources"/>).</summary>
public sealed record SearchItem(LegacySearchHit Hit, string SnippetHtml, string? Source, int? Part)
{
    public string Url(string? q = null, string? back = null) => SearchSources.Url(Hit.Id, q, back);
}

public sealed record SearchOutcome(
    SearchInput Input,
    SearchQuery Query,
    LegacySearchResults Results,
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
    public int PageCount => Math.Max(1, (Results.Total + PageSize - 1) / PageSize);
}

/// <summary>Runs a search for the current user: access scope, engine, snippets from the original text.</summary>
public sealed class SearchService(
    ILegacySearchEngine engine, Highlighter highlighter, PortalConnection connection, CurrentUser user, IOptions<SearchPageOptions> options)
{
    public const int MaxPage = 200;

    /// <summary>Administrators see everything; others public documents plus what their unit or role is granted.</summary>
    public SearchAccess Access => user.IsAdmin ? SearchAccess.Everything : SearchAccess.For(user.UnitId, user.RolesOf());

    public SearchOutcome Search(SearchInput input, SearchAccess? access = null, bool withFacets = true)
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

        using var c = connection.Open();
        if (query.Required.Count == 0 && !query.HasFilters && input.From is null && input.To is null)
            return new SearchOutcome(input, query, LegacySearchResults.Empty, [], watch.Elapsed, page, size,
                string.IsNullOrWhiteSpace(input.Q) ? null : "没有可检索的词：请输入汉字、字母或数字。", null, 0);

        var results = engine.Search(c, request);
        var message = results.Total == 0 && query.Required.Count > 0 && query.PositiveTerms.All(t => !TextAnalysis.Searchable(t.Text))
            ? "没有可检索的词：请输入汉字、字母或数字。" : null;
        var items = Items(c, results.Hits, highlighter.TermsOf(query));

        string? looser = null;
        var looserTotal = 0;
        if (results.Total == 0 && message is null)
        {
            var loose = query.Loosened();
            if (loose is not null)
            {
                looserTotal = engine.Search(c, request with { Query = loose, Page = 1, From = null, To = null, WithFacets = false }).Total;
                if (looserTotal > 0) looser = loose.ToString();
            }
        }
        return new SearchOutcome(input, query, results, items, watch.Elapsed, page, size, message, looser, looserTotal);
    }

    private static IReadOnlyList<string> Add(IReadOnlyList<string> list, string? value) =>
        string.IsNullOrWhiteSpace(value) ? list : list.Append(value.Trim()).Distinct().ToList();

    private List<SearchItem> Items(DbConnection c, IReadOnlyList<LegacySearchHit> hits, HighlightTerms terms)
    {
        if (hits.Count == 0) return [];
        var rows = new Dictionary<int, (string Body, string? Source, int? Part)>();
        string Ids(IEnumerable<int> ids) => string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        void Read(string sql, Func<int, int> indexIdOf)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
                rows[indexIdOf(r.GetInt32(0))] = (r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3));
        }
        var documents = hits.Where(h => !SearchSources.IsSubmission(h.Id)).Select(h => h.Id).ToList();
        var submissions = hits.Where(h => SearchSources.IsSubmission(h.Id)).Select(h => SearchSources.SubmissionId(h.Id)).ToList();
        if (documents.Count > 0)
            Read($"""SELECT "Id", "Body", "SourceFileName", "Part" FROM "Documents" WHERE "Id" IN ({Ids(documents)})""", id => id);
        if (submissions.Count > 0)
            Read($"""SELECT "Id", "Body", NULL, NULL FROM "Submissions" WHERE "Id" IN ({Ids(submissions)})""", SearchSources.SubmissionIndexId);
        return hits.Where(h => rows.ContainsKey(h.Id))
            .Select(h => new SearchItem(h, highlighter.Snippet(rows[h.Id].Body, terms), rows[h.Id].Source, rows[h.Id].Part))
            .ToList();
    }

    public IReadOnlyList<Suggestion> Suggest(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return [];
        using var c = connection.Open();
        return engine.Suggest(c, q, Access, options.Value.SuggestCount);
    }
}

/// <summary>
/// What search adds to a document page (Library/Details): the query's words marked in the text, and similar
/// documents the reader may see.
/// </summary>
public sealed class DocumentSearchExtras(
    ILegacySearchEngine engine, Highlighter highlighter, PortalConnection connection, SearchService search, IOptions<SearchPageOptions> options)
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

    public IReadOnlyList<LegacySearchHit> Similar(Document doc)
    {
        using var c = connection.Open();
        return engine.Similar(c, SearchIndexer.ToIndex(doc), search.Access, options.Value.SimilarCount);
    }
}
