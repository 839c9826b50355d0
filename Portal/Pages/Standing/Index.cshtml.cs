using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Standing;

/// <summary>本单位统计: the liaison's own unit's points, ranks and rates for a year, and its last published evaluation result.</summary>
public class IndexModel(UnitStandingService service, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public UnitStanding? Standing { get; private set; }

    public async Task OnGetAsync()
    {
        var today = ShanghaiClock.Today(time);
        if (Year is not (>= 2000 and <= 2100)) Year = today.Year;
        Standing = await service.MineAsync(Period.Year(Year.Value));
    }
}
