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
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<AuditLine> Lines { get; private set; } = new();
    public int Total { get; private set; }
    public Pager Pager => new(PageNumber, Pager.Count(Total, AuditLogService.PageSize), p => Url.Page("/Admin/Audit", Query(p))!);
    public string ExportLink => Url.Page("/Admin/Audit", "Export", Query(null))!;

    private AuditFilter Filter => new(From, To, Person, Kind, Object, Math.Clamp(PageNumber, 1, 100_000));
    private object Query(int? p) => new { from = From?.ToString("yyyy-MM-dd"), to = To?.ToString("yyyy-MM-dd"), user = Person, kind = Kind, @object = Object, p };

    public async Task OnGetAsync() => (Lines, Total) = await audit.ListAsync(Filter);

    public async Task<IActionResult> OnGetExportAsync() =>
        File(await audit.ExportAsync(Filter), ExcelWriter.ContentType, "审计日志.xlsx");
}
