using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Units;

public class EditModel(UnitAdminService units) : PageModel
{
    [BindProperty] public UnitInput Input { get; set; } = new();
    public Unit Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id, keepInput: true)) return NotFound();
        if (!ModelState.IsValid) return Page();
        await units.UpdateAsync(id, Input);
        return this.Done("已保存。", new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await units.SetActiveAsync(id, false);
        return this.Done("已停用该单位：历史记录和有记录期间的统计保留，不再用于新的账户、交办和报送。", new { id });
    }

    public async Task<IActionResult> OnPostEnableAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await units.SetActiveAsync(id, true);
        return this.Done("已启用该单位。", new { id });
    }

    private async Task<bool> LoadAsync(int id, bool keepInput = false)
    {
        if (await units.FindAsync(id) is not { } unit) return false;
        Unit = unit;
        if (keepInput) return true;
        Input = UnitInput.From(unit);
        ModelState.Clear();
        return true;
    }
}
