using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;

namespace Portal.Pages.Library;

public class DetailsModel(DocumentService documents) : PageModel
{
    public Document Doc { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var doc = await documents.FindAsync(id);
        if (doc is null) return NotFound();
        Doc = doc;
        return Page();
    }

    public IEnumerable<string> Paragraphs =>
        Doc.Body.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0);
}
