using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Portal.Infrastructure;

/// <summary>
/// A list's page and order as they stand in the URL (<c>p</c>, <c>sort</c>, <c>desc</c>), beside the list's own filters,
/// so a filtered, sorted page of a list can be bookmarked. Read it with <see cref="From"/>; the <c>sort</c> header tag helper
/// and <see cref="Pager.ForRequest"/> write the links.
/// </summary>
public sealed record ListQuery(int Page, string? Sort, bool Desc)
{
    public const string PageKey = "p", SortKey = "sort", DescKey = "desc";

    public static ListQuery From(HttpRequest request)
    {
        var q = request.Query;
        var page = int.TryParse(q[PageKey], out var p) ? Math.Clamp(p, 1, 1_000_000) : 1;
        var sort = q[SortKey].ToString();
        return new(page, sort.Length is > 0 and <= 40 ? sort : null, q[DescKey] == "1" || q[DescKey] == "true");
    }

    /// <summary>One page of <paramref name="source"/> (counted, then skipped and taken in the database); a page past the end shows the last page.</summary>
    public async Task<ListPage<T>> PageAsync<T>(IQueryable<T> source, int pageSize, CancellationToken ct = default)
    {
        var total = await source.CountAsync(ct);
        var page = Math.Min(Page, Pager.Count(total, pageSize));
        var items = await source.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items, total, page, pageSize);
    }

    /// <summary>One page of a list already in memory (rows computed from several tables, e.g. warnings).</summary>
    public ListPage<T> PageOf<T>(IEnumerable<T> source, int pageSize)
    {
        var all = source as IReadOnlyList<T> ?? source.ToList();
        var page = Math.Min(Page, Pager.Count(all.Count, pageSize));
        return new(all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), all.Count, page, pageSize);
    }
}

/// <summary>One page of a list: its rows, how many there are in all, and which page this is.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public Pager Pager(HttpRequest request) => Infrastructure.Pager.ForRequest(request, Page, Total, PageSize);
}

/// <summary>
/// The columns a list may be sorted by, by URL key, each with its sort expression (translated by EF Core for database lists,
/// compiled for lists in memory). Unknown keys fall back to the list's default order, so a hand-edited URL cannot fail.
/// Ties, under a chosen column and under the default order alike, are broken by <see cref="ThenBy"/> (a stable key such as the id).
/// </summary>
public sealed class SortKeys<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> keys = new(StringComparer.OrdinalIgnoreCase);
    private Func<IQueryable<T>, IOrderedQueryable<T>>? fallback;
    private Func<IOrderedQueryable<T>, IOrderedQueryable<T>>? tie;

    public SortKeys<T> Add<TKey>(string key, Expression<Func<T, TKey>> by)
    {
        var isEmpty = EmptyTest(by);
        keys[key] = isEmpty is null
            ? (q, desc) => desc ? q.OrderByDescending(by) : q.OrderBy(by)
            // Empty values sort as the smallest on every database: first ascending, last descending. (PostgreSQL puts NULL
            // last ascending and first descending, SQLite and .NET the other way round.)
            : (q, desc) => desc ? q.OrderBy(isEmpty).ThenByDescending(by) : q.OrderByDescending(isEmpty).ThenBy(by);
        return this;
    }

    /// <summary><c>x =&gt; by(x) == null</c> for a key that can be null (a reference or nullable type), else null.</summary>
    private static Expression<Func<T, bool>>? EmptyTest<TKey>(Expression<Func<T, TKey>> by) =>
        default(TKey) is null
            ? Expression.Lambda<Func<T, bool>>(Expression.Equal(by.Body, Expression.Constant(null, typeof(TKey))), by.Parameters)
            : null;

    /// <summary>The order when the URL names no (known) column: one of the columns (with its empty-value rule).</summary>
    public SortKeys<T> Default(string key, bool desc = false)
    {
        var column = keys[key];
        fallback = q => column(q, desc);
        return this;
    }

    /// <summary>The order when the URL names no (known) column (the tie-break still follows it).</summary>
    public SortKeys<T> Default(Func<IQueryable<T>, IOrderedQueryable<T>> order)
    {
        fallback = order;
        return this;
    }

    /// <summary>The order among rows equal on the chosen column (e.g. the id), so pages do not overlap or skip rows.</summary>
    public SortKeys<T> ThenBy<TKey>(Expression<Func<T, TKey>> by, bool desc = false)
    {
        tie = q => desc ? q.ThenByDescending(by) : q.ThenBy(by);
        return this;
    }

    public bool Knows(string? key) => key is not null && keys.ContainsKey(key);

    public IQueryable<T> Apply(IQueryable<T> source, ListQuery query) =>
        Knows(query.Sort) ? Tie(keys[query.Sort!](source, query.Desc))
        : fallback is null ? source : Tie(fallback(source));

    public IEnumerable<T> Apply(IEnumerable<T> source, ListQuery query) => Apply(source.AsQueryable(), query);

    private IQueryable<T> Tie(IOrderedQueryable<T> ordered) => tie is null ? ordered : tie(ordered);
}
