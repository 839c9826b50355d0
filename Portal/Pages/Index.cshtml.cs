using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Dashboard;
using Portal.Pages.Library;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;

namespace Portal.Pages;

/// <summary>The home page shows each role what needs attention, read from the features' own services.</summary>
public class IndexModel(PortalDbContext db, CurrentUser me, SupervisionService supervision, SubmissionService submissions, DashboardService dashboard,
    Standing.UnitStandingService standing, TimeProvider time) : PageModel
{
    private const int Shown = 8;

    public int DocumentCount { get; private set; }
    public string? UnitName { get; private set; }

    /// <summary>Liaison: my unit's open tasks (warnings first) and my submissions sent back for changes.</summary>
    public List<LedgerRow> MyOpenTasks { get; private set; } = new();
    public int MyOpenTaskCount { get; private set; }
    public List<OpenUrge> MyUrges { get; private set; } = new();
    public List<Submission> Returned { get; private set; } = new();
    public int ReturnedCount { get; private set; }

    /// <summary>Staff: the review queue and the overdue tasks.</summary>
    public List<Submission> Queue { get; private set; } = new();
    public int QueueCount { get; private set; }
    public List<LedgerRow> Overdue { get; private set; } = new();
    public int OverdueCount { get; private set; }

    /// <summary>Liaison: my unit's standing this year (本单位统计).</summary>
    public Standing.UnitStanding? MyStanding { get; private set; }

    /// <summary>Leader: the dashboard summary.</summary>
    public LeaderSummary? Summary { get; private set; }

    public async Task OnGetAsync()
    {
        DocumentCount = await db.Documents.VisibleTo(me).CountAsync();
        if (me.UnitId is int unit)
            UnitName = await db.Units.Where(u => u.Id == unit).Select(u => u.Name).FirstOrDefaultAsync();

        if (me.IsLiaison && me.UnitId is not null)
        {
            (MyOpenTasks, MyOpenTaskCount) = await supervision.MostUrgentAsync(new LedgerFilter(), onlyMyUnit: true, Shown);
            MyUrges = await supervision.OpenUrgesAsync();
            var returned = await submissions.ListAsync(new SubmissionFilter(Status: SubmissionStatus.Returned), new ListQuery(1, null, false));
            (Returned, ReturnedCount) = (returned.Items.Take(Shown).ToList(), returned.Total);
            MyStanding = await standing.MineAsync(Statistics.Period.Year(ShanghaiClock.Today(time).Year));
        }
        if (me.IsStaff)
        {
            var queue = await submissions.QueueAsync(new SubmissionFilter(), new ListQuery(1, null, false));
            (Queue, QueueCount) = (queue.Items.Take(Shown).ToList(), queue.Total);
            (Overdue, OverdueCount) = await supervision.MostUrgentAsync(new LedgerFilter(Warning: WarningLevel.Red), onlyMyUnit: false, Shown);
        }
        if (me.IsLeader) Summary = await dashboard.SummaryAsync();
    }
}
