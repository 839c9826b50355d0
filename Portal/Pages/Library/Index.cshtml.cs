using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;

namespace Portal.Pages.Library;

public class IndexModel(DocumentService documents) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Document> Items { get; private set; } = new();
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + DocumentService.PageSize - 1) / DocumentService.PageSize);

    public async Task OnGetAsync()
    {
        if (Type is not null && !DocumentTypes.All.Contains(Type)) Type = null;
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        (Items, Total) = await documents.ListAsync(Type, PageNumber);
    }
}
