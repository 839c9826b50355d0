using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>GET /Search/Suggest?q=…: titles and frequent words for the search box, as JSON.</summary>
public class SuggestModel(SearchService search, SearchSourceSet sources) : PageModel
{
    public IActionResult OnGet(string? q) =>
        new JsonResult(search.Suggest(q).Select(s => new { text = s.Text, kind = s.Kind, id = s.DocumentId, url = s.Key is { } key ? sources.Url(key) : null }), SearchJson.Options);
}
