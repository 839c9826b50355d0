using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Supervision;

public sealed record StatusCount(string Name, int Count);

public sealed record SupervisionStatistics(
    Period Period, DateOnly Today, IReadOnlyList<RankBy> RankKeys,
    List<Ranked<(Unit Unit, RateRow Row)>> Units, RateRow Overall,
    List<StatusCount> Statuses, List<MonthFigures> Months,
    List<(string Name, int Count)> ReplyTypes, IReadOnlyDictionary<int, int> UrgesByUnit)
{
    /// <summary>催办次数 of a unit in the period (<see cref="SupervisionRates.UrgeDefinition"/>).</summary>
    public int UrgesOf(int unitId) => UrgesByUnit.GetValueOrDefault(unitId);

    public int UrgesTotal => UrgesByUnit.Values.Sum();

    public RankBy RankBy => RankKeys[0];

    /// <summary>No task was assigned in the period and none fell due in it: the page says so instead of listing ties.</summary>
    public bool IsEmpty => Overall.Assigned == 0 && Overall.DueInPeriod == 0;
}

/// <summary>Every task's facts and the active units, read once per request; every figure of the request is computed from them.</summary>
public sealed record SupervisionFacts(IReadOnlyList<TaskFacts> Tasks, IReadOnlyList<Unit> Units, DateOnly Today, IReadOnlyList<UrgeFact>? Urges = null);

/// <summary>One 催办: the unit urged and the day.</summary>
public sealed record UrgeFact(int UnitId, DateOnly On);

/// <summary>
/// Reads the tasks once per request (the service is scoped) and computes the rates of <see cref="SupervisionRates"/> for any
/// period from them: the dashboard, its months and the evaluation's 督查 points all use the same read.
/// </summary>
public sealed class SupervisionStatisticsService(PortalDbContext db, TimeProvider time, IOptions<SupervisionOptions> options)
{
    private SupervisionFacts? facts;

    public IReadOnlyList<RankBy> KeysFor(RankBy first) => SupervisionRates.Keys(first, options.Value.RankingKeys);

    public async Task<SupervisionFacts> FactsAsync() => facts ??= await ReadAsync();

    private async Task<SupervisionFacts> ReadAsync()
    {
        var tasks = await db.Set<SupervisionTask>().AsNoTracking()
            .Select(t => new TaskFacts(t.LeadUnitId, t.Source, t.Status, t.AssignedOn, t.OriginalDeadline, t.Deadline, t.ClosedOn, t.RepliedOn, t.Satisfaction, t.ReplyType))
            .ToListAsync();
        // Every unit: each period lists the active ones and the disabled ones with tasks in it (see Compute).
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Id).ToListAsync();
        var urges = await db.Set<TaskUrge>().AsNoTracking().Select(u => new UrgeFact(u.UnitId, u.On)).ToListAsync();
        return new SupervisionFacts(tasks, units, ShanghaiClock.Today(time), urges);
    }

    public async Task<SupervisionStatistics> ComputeAsync(Period period, RankBy rankBy = RankBy.Completion) =>
        Compute(await FactsAsync(), period, rankBy);

    public SupervisionStatistics Compute(SupervisionFacts facts, Period period, RankBy rankBy = RankBy.Completion)
    {
        var (tasks, today) = (facts.Tasks, facts.Today);
        var withTasks = tasks.Where(t => period.Contains(t.AssignedOn) || (t.ClosedOn is { } closed && period.Contains(closed))).Select(t => t.LeadUnitId).ToHashSet();
        var units = facts.Units.Where(u => ReportedUnits.Include(u.IsActive, withTasks.Contains(u.Id))).ToList();
        var keys = KeysFor(rankBy);
        var order = units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i.ToString("D4"));
        var byUnit = SupervisionRates.ByUnit(units, u => u.Id, u => order[u.Id], tasks, period, today, keys);
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

        var months = new List<MonthFigures>();
        // A trend of more than three years is unreadable as bars; the table and the rates still cover the whole period.
        for (var m = new DateOnly(period.Start.Year, period.Start.Month, 1); m <= period.End && months.Count < 36; m = m.AddMonths(1))
            months.Add(SupervisionRates.Month(tasks, m, today));

        var replyTypes = SupervisionText.All<ReplyType>()
            .Select(r => (SupervisionText.Of(r), inPeriod.Count(t => t.IsProposal && t.RepliedOn is not null && t.ReplyType == r)))
            .ToList();
        var urges = (facts.Urges ?? []).Where(u => period.Contains(u.On)).GroupBy(u => u.UnitId).ToDictionary(g => g.Key, g => g.Count());
        return new SupervisionStatistics(period, today, keys, byUnit, overall, statuses, months, replyTypes, urges);
    }
}
