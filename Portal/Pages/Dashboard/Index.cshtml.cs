using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Dashboard;

/// <summary>领导看板: read-only for every reader (staff, leaders, administrators).</summary>
public class IndexModel(DashboardService service, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public PeriodQuery Q { get; set; } = new();
    public DashboardData Data { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var period = Q.Resolve(time, out var error);
        Error = error;
        Data = await service.BuildAsync(period, Q.ToQuery(), Q.Round);
    }
}
