using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Supervision;

/// <summary>What is due soon and what is overdue, per unit (a liaison sees only their own unit).</summary>
public class RemindersModel(SupervisionService service) : PageModel
{
    public List<UnitReminders> Units { get; private set; } = new();
    public int WarningDays => service.WarningDays;
    public DateOnly Today => service.Today;

    public async Task OnGetAsync() => Units = await service.RemindersAsync();
}
