using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Identity;

namespace Portal.Pages.Submissions.Review;

/// <summary>The review queue: items waiting for the office's decision, oldest first.</summary>
[Authorize(Policy = Policies.Office)]
public class IndexModel(SubmissionService submissions) : PageModel
{
    public List<Submission> Items { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Items = await submissions.QueueAsync(ct);
}
