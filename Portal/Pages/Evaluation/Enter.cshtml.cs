using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Identity;

namespace Portal.Pages.Evaluation;

/// <summary>Staff enter one component's values for every participating unit.</summary>
[Authorize(Policy = Policies.Office)]
public class EnterModel(EvaluationService service) : PageModel
{
    public EvaluationRound Round { get; private set; } = null!;
    public EvaluationComponent Component { get; private set; } = null!;
    public List<EntryRow> Rows { get; private set; } = new();
    public List<string> Errors { get; private set; } = new();

    [BindProperty] public List<ScoreLine> Lines { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, int componentId)
    {
        if (!await LoadAsync(id, componentId)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int componentId)
    {
        if (!await LoadAsync(id, componentId)) return NotFound();
        try { Errors = await service.EnterAsync(id, componentId, Lines); }
        catch (EvaluationRuleException ex) { Errors = new() { ex.Message }; }
        if (Errors.Count == 0)
        {
            TempData["Message"] = $"“{Component.Name}”得分已保存。";
            return RedirectToPage("Round", new { id });
        }
        // Show what was typed, with the messages.
        var typed = Lines.DistinctBy(l => l.UnitId).ToDictionary(l => l.UnitId);
        Rows = Rows.Select(r => typed.TryGetValue(r.UnitId, out var l) ? r with { Value = l.Value, Comment = l.Comment } : r).ToList();
        return Page();
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
