using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>
/// Ties at a cut-off (名额临界并列): the results flag them, staff record which tied units get the places and why;
/// leaders read the decisions.
/// </summary>
[OfficeWrites]
public class TiesModel(TieDecisionService service, CurrentUser me) : PageModel
{
    public EvaluationRound Round { get; private set; } = null!;
    public RoundResults Results { get; private set; } = null!;
    public bool Editable => me.IsStaff && !Round.IsLocked;

    [BindProperty] public string? Key { get; set; }
    [BindProperty] public List<int> Granted { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return this.Done(await service.DecideAsync(id, Key, Granted, Reason), new { id });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await service.WithdrawAsync(id, Key);
        return this.Done("已撤销该决定，相关单位重新列为并列待定。", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await service.TiesAsync(id) is not { } found) return false;
        (Round, Results) = found;
        return true;
    }
}
