using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>The list: a liaison sees their unit's items, staff and leaders all units' items; filters, sort and page in the URL.</summary>
[LeadersReadOnly]
public class IndexModel(SubmissionService submissions, CurrentUser me) : PageModel
{
    public SubmissionListInput Filter { get; private set; } = new();

    public ListPage<Submission> List { get; private set; } = null!;
    public List<Unit> Units { get; private set; } = new();
    /// <summary>The page links; the total stands in the page's heading.</summary>
    public Pager Pager => List.Pager(Request) with { Total = null };
    public bool IsStaff => me.IsStaff;
    /// <summary>Staff and leaders list every unit's items; a liaison only their own unit's.</summary>
    public bool SeesAllUnits => me.IsStaff || (me.IsLeader && !me.IsLiaison);
    public bool CanSubmit => submissions.CanSubmit;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = SubmissionListInput.Read(Request);
        if (SeesAllUnits) Units = await submissions.UnitsAsync(ct);
        List = await submissions.ListAsync(Filter.ToFilter(SeesAllUnits), ListQuery.From(Request), ct);
    }
}
