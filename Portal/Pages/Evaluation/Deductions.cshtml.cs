using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>A round's deductions (扣分): listed for readers; staff add and remove them while the round is open.</summary>
[OfficeWrites]
public class DeductionsModel(DeductionService service, CurrentUser me) : PageModel
{
    public DeductionSheet Sheet { get; private set; } = null!;
    public EvaluationRound Round => Sheet.Round;
    public bool Editable => me.IsStaff && !Round.IsLocked;

    [BindProperty] public DeductionForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await service.AddAsync(id, Input);
        return this.Done("扣分已记录，成绩已重新计算。", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int deductionId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var removed = await service.RemoveAsync(id, deductionId);
        return this.Done($"已删除扣分：{removed}。", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await service.SheetAsync(id) is not { } sheet) return false;
        Sheet = sheet;
        return true;
    }
}
