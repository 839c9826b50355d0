using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library;

/// <summary>The library list: filters (type, issuing unit, year, keyword), sort and page in the URL.</summary>
public class IndexModel(DocumentService documents) : PageModel
{
    public LibraryFilter Filter { get; private set; } = new();
    public ListPage<Document> List { get; private set; } = null!;
    public List<Unit> Units { get; private set; } = new();
    /// <summary>The page links; the total stands beside the filters.</summary>
    public Pager Pager => List.Pager(Request);

    /// <summary>A document's page, told (<c>?back=</c>, see <see cref="ReturnLink"/>) to lead back to this filtered, sorted page of the list.</summary>
    public string DocumentLink(Document d) =>
        $"/Library/Details/{d.Id}" + (Request.QueryString.HasValue ? "?back=" + Uri.EscapeDataString("/Library" + Request.QueryString) : "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = LibraryFilter.Read(Request);
        Units = await documents.IssuingUnitsAsync(ct);
        List = await documents.ListAsync(Filter, ListQuery.From(Request), ct);
    }
}
