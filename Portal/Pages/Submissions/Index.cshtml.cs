using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>The list: a liaison sees their unit's items, staff see all units' items with filters.</summary>
[LeadersReadOnly]
public class IndexModel(SubmissionService submissions, CurrentUser me, IOptions<SubmissionOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public SubmissionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Submission> Items { get; private set; } = new();
    public List<Unit> Units { get; private set; } = new();
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + options.Value.PageSize - 1) / options.Value.PageSize);
    public bool IsStaff => me.IsStaff;
    /// <summary>Staff and leaders list every unit's items; a liaison only their own unit's.</summary>
    public bool SeesAllUnits => me.IsStaff || (me.IsLeader && !me.IsLiaison);
    public bool CanSubmit => submissions.CanSubmit;

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        if (Year is < 2000 or > 2100) Year = null;
        if (SeesAllUnits) Units = await submissions.UnitsAsync(ct);
        else Unit = null;
        (Items, Total) = await submissions.ListAsync(new SubmissionFilter(Unit, Status, Year, Q, PageNumber,
            Supervision.IndexModel.Date(From), Supervision.IndexModel.Date(To)), ct);
    }

    public string PageLink(int page) =>
        $"?unit={Unit}&status={Status}&year={Year}&from={From}&to={To}&q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
