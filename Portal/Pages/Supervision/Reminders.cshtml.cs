using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>What is due soon and what is overdue, per unit (a liaison sees only their own unit).</summary>
[LeadersReadOnly]
public class RemindersModel(SupervisionService service) : PageModel
{
    public List<UnitReminders> Units { get; private set; } = new();
    public int WarningDays => service.WarningDays;
    public DateOnly Today => service.Today;
    /// <summary>Staff 催办 from here (leaders only read; liaisons are the ones urged).</summary>
    public bool CanUrge => service.IsStaff;

    /// <summary>Overdue tasks on this page, each once (lead units): the figure the dashboard and the statistics count.</summary>
    public int OverdueTotal => Units.SelectMany(u => u.Overdue).Select(r => r.Task.Id).Distinct().Count();

    public async Task OnGetAsync() => Units = await service.RemindersAsync();
}
