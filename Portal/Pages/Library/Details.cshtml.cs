using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;

namespace Portal.Pages.Library;

public class DetailsModel(DocumentService documents, Search.DocumentSearchExtras searchExtras) : PageModel
{
    public Document Doc { get; private set; } = null!;

    /// <summary>Search additions: the words of <c>?q=</c> marked (HTML paragraphs), and similar documents.</summary>
    public IReadOnlyList<string>? MarkedParagraphs { get; private set; }
    public string? MarkedTitle { get; private set; }
    public IReadOnlyList<Portal.Indexing.Search.SearchHit> Similar { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] string? q)
    {
        var doc = await documents.FindAsync(id);
        if (doc is null) return NotFound();
        Doc = doc;
        MarkedParagraphs = searchExtras.MarkedParagraphs(doc, q);
        MarkedTitle = searchExtras.MarkedTitle(doc, q);
        Similar = searchExtras.Similar(doc);
        return Page();
    }

    public IEnumerable<string> Paragraphs =>
        Doc.Body.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);
}
