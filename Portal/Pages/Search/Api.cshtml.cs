using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Search;

/// <summary>
/// GET /api/search for other intranet systems: the search page's parameters (q, type, unit, year, from, to,
/// sort, page, size, facets=false), answered as JSON under the caller's own access. Like every page it
/// requires sign-in (the portal's fallback policy): an anonymous call is redirected to the sign-in page.
/// </summary>
public class ApiModel(SearchService search) : PageModel
{
    public IActionResult OnGet([FromQuery] string? q, [FromQuery] string? type, [FromQuery] string? unit, [FromQuery] string? year,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? sort, [FromQuery] string? page, [FromQuery] string? size,
        [FromQuery] string? facets)
    {
        var errors = new List<string>();
        int? Int(string? s, string name)
        {
            if (string.IsNullOrWhiteSpace(s)) return null;
            if (int.TryParse(s, out var v)) return v;
            errors.Add($"参数 {name} 应为整数。");
            return null;
        }
        DateOnly? Date(string? s, string name)
        {
            if (string.IsNullOrWhiteSpace(s)) return null;
            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d)) return d;
            errors.Add($"参数 {name} 应为 yyyy-MM-dd 格式的日期。");
            return null;
        }
        var input = new SearchInput
        {
            Q = q, Type = type, Unit = unit, Year = Int(year, "year"), From = Date(from, "from"), To = Date(to, "to"), Sort = sort,
            Page = Int(page, "page") ?? 1, Size = Int(size, "size"),
        };
        if (errors.Count > 0)
            return new JsonResult(new { error = string.Join(" ", errors) }, SearchJson.Options) { StatusCode = StatusCodes.Status400BadRequest };

        var o = search.Search(input, withFacets: facets is not ("0" or "false"));
        return new JsonResult(new
        {
            query = o.Query.ToString(),
            total = o.Results.Total,
            totalIsLowerBound = o.Results.TotalIsLowerBound,
            facetsOfTop = o.Results.FacetsOfTop,
            tookMs = Math.Round(o.Elapsed.TotalMilliseconds, 2),
            page = o.Page,
            pageSize = o.PageSize,
            message = o.Message,
            notices = o.Notices,
            looserQuery = o.LooserQuery,
            indexComplete = o.Index.CaughtUp,
            hits = o.Items.Select(SearchJson.Hit),
            facets = new { types = o.Results.Types, units = o.Results.Units, years = o.Results.Years },
        }, SearchJson.Options);
    }
}

public static class SearchJson
{
    /// <summary>
    /// camelCase names; Chinese and the snippet's &lt;mark&gt; written as they are, not as \uXXXX escapes (the JSON
    /// is never embedded in a page, and readers of the CLI output are people and scripts).
    /// </summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One hit as the API and the CLI write it; the snippet is HTML with &lt;mark&gt; around the matches. The id is the
    /// row's in its source ("document" or "submission"); url is the page to open.
    /// </summary>
    public static object Hit(SearchItem i) => new
    {
        id = i.Hit.Id,
        kind = i.Hit.Key.Source,
        title = i.Hit.Title,
        source = i.Source,
        part = i.Part,
        type = i.Hit.DocType,
        unit = i.Hit.Unit,
        date = i.Hit.Date?.ToString("yyyy-MM-dd"),
        score = Math.Round(i.Hit.Score, 4),
        snippet = i.SnippetHtml,
        url = i.Url(),
    };
}
