using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>Peer recommendations (推荐意见): staff record which units each unit recommended; leaders read the counts.</summary>
[OfficeWrites]
public class RecommendationsModel(RecommendationService service, CurrentUser me) : PageModel
{
    public RecommendationSheet Sheet { get; private set; } = null!;
    public bool Editable => me.IsStaff && !Sheet.Round.IsLocked;
    /// <summary>The recommender being edited, if any.</summary>
    public RecommenderRow? Editing { get; private set; }
    public HashSet<int> Chosen { get; private set; } = new();

    [BindProperty] public int From { get; set; }
    [BindProperty] public List<int> To { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, int? from)
    {
        if (!await LoadAsync(id, from)) return NotFound();
        if (Editing is not null) Chosen = (await service.ChosenAsync(id, Editing.UnitId)).ToHashSet();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id, From)) return NotFound();
        Chosen = To.ToHashSet();
        ModelState.AddErrors(await service.SaveAsync(id, From, To));
        if (!ModelState.IsValid) return Page();
        return this.Done($"已保存“{Editing?.UnitName}”的推荐意见。", new { id });
    }

    private async Task<bool> LoadAsync(int id, int? from)
    {
        if (await service.SheetAsync(id) is not { } sheet) return false;
        Sheet = sheet;
        Editing = from is int f ? sheet.Recommenders.FirstOrDefault(r => r.UnitId == f) : null;
        return true;
    }
}
