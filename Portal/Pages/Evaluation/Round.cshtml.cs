using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

public class RoundModel(EvaluationService service, CurrentUser me, TimeProvider time) : PageModel
{
    public EvaluationRound Round { get; private set; } = null!;
    public RoundResults Results { get; private set; } = null!;
    public bool CanEdit => me.IsStaff;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var bytes = EvaluationWorkbook.Build(Results, ShanghaiClock.Today(time));
        return File(bytes, EvaluationWorkbook.ContentType, $"{Results.RoundName}.xlsx");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var round = await service.FindAsync(id);
        if (round is null) return false;
        Round = round;
        Results = (await service.ResultsAsync(id))!;
        return true;
    }
}
