using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Search;

public class IndexModel(SearchService search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    // "page" is also Razor Pages' own route value, so it is read from the query string explicitly.
    public int PageNumber { get; private set; } = 1;

    public SearchOutcome? Outcome { get; private set; }

    public void OnGet([FromQuery(Name = "page")] string? page)
    {
        PageNumber = int.TryParse(page, out var n) ? n : 1;
        if (!ModelState.IsValid)
        {
            // A malformed date or year in the address: search without it rather than fail.
            if (ModelState[nameof(From)]?.Errors.Count > 0) From = null;
            if (ModelState[nameof(To)]?.Errors.Count > 0) To = null;
            if (ModelState[nameof(Year)]?.Errors.Count > 0) Year = null;
        }
        Outcome = search.Search(Input, withCorrections: true);
    }

    private SearchInput Input => new()
    {
        Q = Q, Type = Type, Unit = Unit, Year = Year, From = From, To = To, Sort = Sort, Page = PageNumber,
    };

    /// <summary>This search's address with some parameters changed (null removes one); paging restarts unless a page is given.</summary>
    public string Link(string? type = "", string? unit = "", int? year = -1, string? sort = "", int page = 1, string? q = "")
    {
        var p = new List<(string, string?)>
        {
            ("q", q == "" ? Q : q),
            ("type", type == "" ? Type : type),
            ("unit", unit == "" ? Unit : unit),
            ("year", (year == -1 ? Year : year)?.ToString(CultureInfo.InvariantCulture)),
            ("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("sort", sort == "" ? Sort : sort),
            ("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null),
        };
        return "/Search?" + string.Join("&", p.Where(x => !string.IsNullOrEmpty(x.Item2)).Select(x => x.Item1 + "=" + Uri.EscapeDataString(x.Item2!)));
    }

    /// <summary>What was searched, for the printed page (the form does not print): the words, each filter, the order and the page.</summary>
    public string PrintedConditions(int page, int pageCount)
    {
        var parts = new List<string> { $"检索词：{Q}" };
        if (!string.IsNullOrEmpty(Type)) parts.Add($"类型：{Type}");
        if (!string.IsNullOrEmpty(Unit)) parts.Add($"单位：{Unit}");
        if (Year is not null) parts.Add($"年份：{Year}");
        if (From is not null || To is not null)
            parts.Add($"日期：{From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "不限"} 至 {To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "不限"}");
        parts.Add(Sort == "date" ? "按日期排序" : "按相关度排序");
        if (pageCount > 1) parts.Add($"第 {page} 页，共 {pageCount} 页");
        return string.Join("；", parts);
    }

    /// <summary>A hit's page, given this search's address (same query, filters and page) for its 返回检索结果.</summary>
    public string HitLink(SearchItem item) => item.Url(Q, back: Link(page: PageNumber));
}
