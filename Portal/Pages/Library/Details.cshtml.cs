using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Library.Import;

namespace Portal.Pages.Library;

public class DetailsModel(DocumentService documents, UploadStore store, CurrentUser me, Search.DocumentSearchExtras searchExtras) : PageModel
{
    public Document Doc { get; private set; } = null!;
    public SourceFile? Source { get; private set; }
    public List<Document> Siblings { get; private set; } = new();
    public List<string> Paragraphs { get; private set; } = new();
    public List<OutlineEntry> Outline { get; private set; } = new();
    public bool CanEdit => me.IsStaff;

    /// <summary>The words searched for, when the reader arrives from a search (the search feature marks them).</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    /// <summary>返回: the search or library list the reader came from (<c>?back=</c>, checked), else the library.</summary>
    public ReturnLink Return { get; private set; } = ReturnLink.Library;

    /// <summary>Search additions: the words of <c>?q=</c> marked (HTML paragraphs), and similar documents.</summary>
    public IReadOnlyList<string>? MarkedParagraphs { get; private set; }
    public string? MarkedTitle { get; private set; }
    public IReadOnlyList<Search.SearchItem> Similar { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] string? q, [FromQuery] string? back)
    {
        Return = ReturnLink.Of(back);
        var doc = await documents.FindAsync(id);
        if (doc is null) return NotFound();
        Doc = doc;
        Paragraphs = doc.Body.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        Outline = DocumentOutline.Of(Paragraphs, doc.Headings);
        Source = await documents.FindSourceFileAsync(id);
        Siblings = await documents.SiblingsAsync(doc);
        MarkedParagraphs = searchExtras.MarkEach(Paragraphs, q);
        MarkedTitle = searchExtras.MarkedTitle(doc, q);
        Similar = searchExtras.Similar(doc);
        return Page();
    }

    /// <summary>The original file, for whoever may read the document (404 otherwise, as for the page).</summary>
    public async Task<IActionResult> OnGetDownloadAsync(int id)
    {
        var source = await documents.FindSourceFileAsync(id);
        if (source is null) return NotFound();
        var path = store.PathOf(source.StoredName);
        if (!System.IO.File.Exists(path)) return NotFound();
        return PhysicalFile(path, "application/octet-stream", source.OriginalName);
    }
}
