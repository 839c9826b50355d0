using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Dashboard;

/// <summary>领导简报: the period's figures on one A4 page, and as a workbook; read-only for every reader (staff, leaders, administrators).</summary>
public class BriefModel(LeaderBriefService service, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public PeriodQuery Q { get; set; } = new();
    public LeaderBrief Brief { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Brief = await service.BuildAsync(Q.Resolve(time, out var error));
        Error = error;
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var brief = await service.BuildAsync(Q.Resolve(time, out _));
        return File(service.Workbook(brief), Excel.ExcelWriter.ContentType, $"领导简报-{brief.Period.Label}.xlsx");
    }
}
