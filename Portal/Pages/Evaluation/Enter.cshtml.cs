using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>Staff enter one component's values for every participating unit.</summary>
[Authorize(Policy = Policies.Office)]
public class EnterModel(EvaluationService service) : PageModel
{
    public EvaluationRound Round { get; private set; } = null!;
    public EvaluationComponent Component { get; private set; } = null!;
    public List<EntryRow> Rows { get; private set; } = new();

    [BindProperty] public List<ScoreLine> Lines { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, int componentId)
    {
        if (!await LoadAsync(id, componentId)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int componentId)
    {
        if (!await LoadAsync(id, componentId)) return NotFound();
        // A refusal shows what was typed, with the messages.
        var typed = Lines.GroupBy(l => l.UnitId).ToDictionary(g => g.Key, g => g.Last());
        Rows = Rows.Select(r => typed.TryGetValue(r.UnitId, out var l) ? r with { Value = l.Value, Comment = l.Comment } : r).ToList();
        ModelState.AddErrors(await service.EnterAsync(id, componentId, Lines));
        if (!ModelState.IsValid) return Page();
        return this.Done($"“{Component.Name}”得分已保存。", "Round", new { id });
    }

    private async Task<bool> LoadAsync(int id, int componentId)
    {
        var round = await service.FindAsync(id);
        var component = round?.Components.FirstOrDefault(c => c.Id == componentId && c.IsEntered);
        if (round is null || component is null) return false;
        (Round, Component) = (round, component);
        Rows = await service.EntrySheetAsync(round, component);
        return true;
    }
}
