using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Excel;
using Portal.Infrastructure;

namespace Portal.Pages.Admin;

public class AuditModel(AuditLogService audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Object { get; set; }

    public ListPage<AuditLine> List { get; private set; } = null!;
    /// <summary>The page links (the total stands beside the filters).</summary>
    public Pager Pager => List.Pager(Request) with { Total = null };
    /// <summary>The export of what the page shows: its filters and order.</summary>
    public string ExportLink => Pager.WithQuery(Request, "handler", "Export", ListQuery.PageKey);

    private AuditFilter Filter => new(From, To, QueryValues.Clean(Person), Kind, QueryValues.Clean(Object));

    public async Task OnGetAsync() => List = await audit.ListAsync(Filter, ListQuery.From(Request));

    public async Task<IActionResult> OnGetExportAsync() =>
        File(await audit.ExportAsync(Filter, ListQuery.From(Request)), ExcelWriter.ContentType, "审计日志.xlsx");
}
