using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions.Review;

/// <summary>The review queue: items waiting for the office's decision, oldest first, filtered and sorted in the URL.</summary>
[Authorize(Policy = Policies.Office)]
public class IndexModel(SubmissionService submissions) : PageModel
{
    public SubmissionListInput Filter { get; private set; } = new();
    public ListPage<Submission> List { get; private set; } = null!;
    public List<Unit> Units { get; private set; } = new();
    /// <summary>The page links; the total stands in the page's heading.</summary>
    public Pager Pager => List.Pager(Request) with { Total = null };
    /// <summary>The queue's filters and sort, carried to each item so that its 下一条 follows the same queue.</summary>
    public string Carried => Pager.FiltersOf(Request);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = SubmissionListInput.Read(Request);
        Units = await submissions.UnitsAsync(ct);
        List = await submissions.QueueAsync(Filter.ToFilter(anyUnit: true), ListQuery.From(Request), ct);
    }
}
