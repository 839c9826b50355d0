using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Infrastructure;

/// <summary>A list's page links (the <c>_Pager</c> partial): the page shown, how many there are, and each page's address.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link, int? Total = null)
{
    public static int Count(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    /// <summary>Page links that keep every other parameter of the current address (filters, sort), changing only <c>p</c>.</summary>
    public static Pager ForRequest(HttpRequest request, int page, int total, int pageSize) =>
        new(page, Count(total, pageSize), p => WithQuery(request, ListQuery.PageKey, p == 1 ? null : p.ToString()), total);

    /// <summary>The current path and query with one parameter replaced (or removed when <paramref name="value"/> is null).</summary>
    public static string WithQuery(HttpRequest request, string key, string? value, params string[] alsoRemove)
    {
        var query = Kept(request, [key, .. alsoRemove]);
        if (value is not null) query.Add(new(key, value));
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }

    /// <summary>The current query without the page (<c>?unit=3&amp;sort=date</c>, or empty): a list's filters and sort, carried to
    /// a page opened from the list (the review queue's items) and back.</summary>
    public static string FiltersOf(HttpRequest request) => QueryHelpers.AddQueryString("", Kept(request, [ListQuery.PageKey]));

    private static List<KeyValuePair<string, string?>> Kept(HttpRequest request, string[] removed) =>
        QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !removed.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)
                         && !string.Equals(kv.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .ToList();
}
