using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Units;

public class IndexModel(AdminQueries queries, UnitAdminService units) : PageModel
{
    [BindProperty] public UnitInput Input { get; set; } = new();
    public List<AdminQueries.UnitRow> Units { get; private set; } = new();

    public async Task OnGetAsync()
    {
        Units = await queries.UnitsAsync();
        Input.SortOrder = Units.Count == 0 ? 10 : Units.Max(u => u.SortOrder) + 10;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Units = await queries.UnitsAsync();
        if (!ModelState.IsValid) return Page();
        var unit = await units.CreateAsync(Input);
        return this.Done($"已新建单位“{unit.Name}”。");
    }
}
