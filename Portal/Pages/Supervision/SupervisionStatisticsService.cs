using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Supervision;

/// <summary>One month of the trend; <see cref="OverdueOpen"/> is null for a month that has not begun.</summary>
public sealed record MonthPoint(string Month, int Assigned, int Closed, int? OverdueOpen);

public sealed record StatusCount(string Name, int Count);

public sealed record SupervisionStatistics(
    Period Period, DateOnly Today, RankBy RankBy,
    List<Ranked<(Unit Unit, RateRow Row)>> Units, RateRow Overall,
    List<StatusCount> Statuses, List<MonthPoint> Months,
    List<(string Name, int Count)> ReplyTypes);

/// <summary>Reads the tasks once and computes the rates of <see cref="SupervisionRates"/> for a period.</summary>
public sealed class SupervisionStatisticsService(PortalDbContext db, TimeProvider time)
{
    public async Task<SupervisionStatistics> ComputeAsync(Period period, RankBy rankBy = RankBy.Completion)
    {
        var today = ShanghaiClock.Today(time);
        var tasks = await db.Set<SupervisionTask>().AsNoTracking()
            .Select(t => new TaskFacts(t.LeadUnitId, t.Source, t.Status, t.AssignedOn, t.OriginalDeadline, t.Deadline, t.ClosedOn, t.RepliedOn, t.Satisfaction, t.ReplyType))
            .ToListAsync();
        var withTasks = tasks.Where(t => period.Contains(t.AssignedOn) || (t.ClosedOn is { } closed && period.Contains(closed))).Select(t => t.LeadUnitId).ToHashSet();
        var units = (await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Id).ToListAsync())
            .Where(u => ReportedUnits.Include(u.IsActive, withTasks.Contains(u.Id))).ToList();
        var order = units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i.ToString("D4"));
        var byUnit = SupervisionRates.ByUnit(units, u => u.Id, u => order[u.Id], tasks, period, today, rankBy);
        var overall = SupervisionRates.Compute(tasks, period, today);

        var inPeriod = tasks.Where(t => t.IsAssigned && period.Contains(t.AssignedOn)).ToList();
        var statuses = new List<StatusCount>
        {
            new("已交办（未报送）", inPeriod.Count(t => t.Status == SupervisionStatus.Assigned && !DeadlineRules.OverdueOpen(true, t.Deadline, today))),
            new("办理中", inPeriod.Count(t => t.Status == SupervisionStatus.InProgress && !DeadlineRules.OverdueOpen(true, t.Deadline, today))),
            new("逾期未办结", inPeriod.Count(t => DeadlineRules.OverdueOpen(t.IsOpen, t.Deadline, today))),
            new("按期办结", inPeriod.Count(t => !t.IsOpen && DeadlineRules.ClosedOnTime(t.ClosedOn, t.OriginalDeadline))),
            new("逾期办结", inPeriod.Count(t => DeadlineRules.ClosedLate(t.ClosedOn, t.OriginalDeadline))),
        };

        var months = new List<MonthPoint>();
        var first = new DateOnly(period.Start.Year, period.Start.Month, 1);
        // A trend of more than three years is unreadable as bars; the table and the rates still cover the whole period.
        for (var m = first; m <= period.End && months.Count < 36; m = m.AddMonths(1))
        {
            var end = m.AddMonths(1).AddDays(-1);
            var monthEnd = end < today ? end : today;
            months.Add(new MonthPoint($"{m:yyyy-MM}",
                tasks.Count(t => t.IsAssigned && t.AssignedOn >= m && t.AssignedOn <= end),
                tasks.Count(t => t.ClosedOn is DateOnly c && c >= m && c <= end),
                m > today ? null : tasks.Count(t => t.IsAssigned && t.AssignedOn <= monthEnd && t.Deadline < monthEnd
                                                 && (t.ClosedOn is null || t.ClosedOn > monthEnd))));
        }

        var replyTypes = SupervisionText.All<ReplyType>()
            .Select(r => (SupervisionText.Of(r), inPeriod.Count(t => t.IsProposal && t.RepliedOn is not null && t.ReplyType == r)))
            .ToList();
        return new SupervisionStatistics(period, today, rankBy, byUnit, overall, statuses, months, replyTypes);
    }
}
