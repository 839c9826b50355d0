using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Dashboard;

/// <summary>Drill-down from the dashboard: one unit's scores, information work and supervision for the period.</summary>
public class UnitModel(DashboardService service, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public PeriodQuery Q { get; set; } = new();
    public UnitDrill Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var period = Q.Resolve(time, out _);
        var data = await service.UnitAsync(id, period, Q.Round);
        if (data is null) return NotFound();
        Data = data;
        return Page();
    }
}
