using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>My unit's tasks (liaison): what the unit leads or co-operates on, warnings first.</summary>
public class MineModel(SupervisionService service, CurrentUser user) : PageModel
{
    public bool HasUnit => user.UnitId is not null;
    public List<LedgerRow> Open { get; private set; } = new();
    /// <summary>Closed tasks pile up year after year: they are paged (the open ones stay on one page, warnings first).</summary>
    public ListPage<LedgerRow> Closed { get; private set; } = new([], 0, 1, PageSize);
    public List<OpenUrge> Urges { get; private set; } = new();
    public const int PageSize = 20;
    public int WarningDays => service.WarningDays;

    public async Task OnGetAsync()
    {
        if (!HasUnit) return;
        var rows = await service.LedgerAsync(new LedgerFilter(), onlyMyUnit: true);
        Open = rows.Where(r => r.Task.IsOpen).OrderByDescending(r => r.Warning).ThenBy(r => r.Task.Deadline).ToList();
        Closed = ListQuery.From(Request).PageOf(rows.Where(r => !r.Task.IsOpen), PageSize);
        Urges = await service.OpenUrgesAsync();
    }
}
