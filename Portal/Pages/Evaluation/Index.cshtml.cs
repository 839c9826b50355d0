using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

public class IndexModel(EvaluationService service, CurrentUser me) : PageModel
{
    public List<RoundSummary> Rounds { get; private set; } = new();
    public bool CanEdit => me.IsStaff;

    public async Task OnGetAsync() => Rounds = await service.RoundsAsync();
}
