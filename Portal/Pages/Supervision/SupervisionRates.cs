using Portal.Statistics;

namespace Portal.Pages.Supervision;

/// <summary>What the rates need to know about one task (read once from the database, then computed in memory).</summary>
public sealed record TaskFacts(
    int LeadUnitId, TaskSource Source, SupervisionStatus Status, DateOnly AssignedOn,
    DateOnly OriginalDeadline, DateOnly Deadline, DateOnly? ClosedOn, DateOnly? RepliedOn, Satisfaction? Satisfaction, ReplyType? ReplyType = null)
{
    public bool IsOpen => Status != SupervisionStatus.Closed;
    public bool IsProposal => Source is TaskSource.NpcSuggestion or TaskSource.CppccProposal;
    public bool IsAssigned => Status != SupervisionStatus.Registered;

    public static TaskFacts Of(SupervisionTask t) =>
        new(t.LeadUnitId, t.Source, t.Status, t.AssignedOn, t.OriginalDeadline, t.Deadline, t.ClosedOn, t.RepliedOn, t.Satisfaction, t.ReplyType);
}

/// <summary>What a supervision ranking compares: the first key chosen on the page, the others as tie-breakers.</summary>
/// <summary>A month of the trend (see <see cref="SupervisionRates.Month"/>).</summary>
public sealed record MonthFigures(DateOnly Month, int? Assigned, int? Closed, int? OverdueOpen, decimal? CompletionRate);

public enum RankBy { Completion = 0, OnTime = 1, Assigned = 2 }

/// <summary>One unit's (or the overall) figures for a period.</summary>
public sealed record RateRow(
    int Assigned, int Closed, int DueInPeriod, int ClosedOnTime, int OverdueOpen, int ClosedLate,
    int Proposals, int Replied, int SatisfactionGiven, int Satisfied)
{
    public decimal? CompletionRate => Rate.Of(Closed, Assigned);
    public decimal? OnTimeRate => Rate.Of(ClosedOnTime, DueInPeriod);
    public decimal? ReplyRate => Rate.Of(Replied, Proposals);
    public decimal? SatisfactionRate => Rate.Of(Satisfied, SatisfactionGiven);
}

/// <summary>
/// The supervision rates (domain.md §4.2), on Asia/Shanghai dates; the page shows these definitions word for word.
/// Tasks are counted for their lead unit only: co-operating units share the work but not the count.
/// </summary>
public static class SupervisionRates
{
    /// <summary>
    /// The one definition of 逾期未办结 on every page (dashboard card and chart, statistics, reminders, home pages, exports):
    /// each task once, counted for its lead unit. A page that counts otherwise says so in its 指标口径.
    /// </summary>
    public const string OverdueDefinition =
        "逾期未办结：已交办、截至今天仍未办结且已过当前期限（含延期后期限）的事项，每件只计一次，计入牵头单位；按期间统计时只计交办日期在统计期间内的事项。";

    /// <summary>The monthly line of 办结率 (dashboard, statistics): a month counts only its tasks already due, so a month is not low merely because its deadlines are still ahead.</summary>
    public const string MonthlyCompletionDefinition =
        "月度办结率：当月交办、且办理期限在月末（本月为今天）之前已到的事项中已办结的比例；期限未到的事项不计入。";

    /// <summary>The monthly line of 逾期未办结: the overdue tasks of the month's own assignments, so the months of a period add up to the period's figure.</summary>
    public const string MonthlyOverdueDefinition = "月度逾期未办结：按交办月份统计的逾期未办结事项数，各月相加等于期间合计。";

    /// <summary>催办次数 per unit: every 催办 of the unit counts, as lead or co-operating unit, by the day it was sent.</summary>
    public const string UrgeDefinition = "催办次数：统计期间内（按催办日期）督查室对该单位发出的催办次数，牵头和协办事项都计入，一次催办一个单位计一次；台账中为该事项累计催办次数。";

    public static readonly (string Name, string Definition)[] Definitions =
    {
        ("交办数", "牵头单位为本单位、交办日期在统计期间内的事项数（未交办的立项事项不计）。"),
        ("办结率", "办结数 ÷ 交办数：交办日期在统计期间内的事项中已办结的比例。"),
        ("按期办结率", "在原定期限（含当日）内办结的事项数 ÷ 原定期限在统计期间内、且已到期（原定期限早于今天）或已办结的事项数。延期不改变原定期限；期限当天仍未办结的事项次日才计入分母。"),
        ("逾期未办结", OverdueDefinition["逾期未办结：".Length..]),
        ("月度趋势", MonthlyCompletionDefinition + MonthlyOverdueDefinition),
        ("逾期办结", "交办日期在统计期间内、办结日期晚于原定期限的事项数。"),
        ("答复率", "人大建议、政协提案中已答复的件数 ÷ 交办日期在统计期间内的建议提案件数。"),
        ("催办次数", UrgeDefinition["催办次数：".Length..]),
        ("满意率", "答复后评价为“满意”或“基本满意”的件数 ÷ 已反馈满意度的件数。"),
        ("分母为 0", "比率显示为“—”，该单位不参与排名，列在最后；比率相同的单位依次比较并列规则中的下一项，各项都相同的单位并列同一名次，下一名次顺延（1、2、2、4）。"),
    };

    public static RateRow Compute(IEnumerable<TaskFacts> tasks, Period period, DateOnly today)
    {
        int assigned = 0, closed = 0, due = 0, onTime = 0, overdue = 0, late = 0, proposals = 0, replied = 0, given = 0, satisfied = 0;
        foreach (var t in tasks.Where(t => t.IsAssigned))
        {
            if (period.Contains(t.AssignedOn))
            {
                assigned++;
                if (!t.IsOpen) closed++;
                if (DeadlineRules.OverdueOpen(t.IsOpen, t.Deadline, today)) overdue++;
                if (DeadlineRules.ClosedLate(t.ClosedOn, t.OriginalDeadline)) late++;
                if (t.IsProposal)
                {
                    proposals++;
                    if (t.RepliedOn is not null)
                    {
                        replied++;
                        if (t.Satisfaction is Satisfaction s)
                        {
                            given++;
                            if (s != Satisfaction.Dissatisfied) satisfied++;
                        }
                    }
                }
            }
            // Settled: the original deadline has passed, or the task is closed (a task due today is not late yet).
            if (period.Contains(t.OriginalDeadline) && (t.OriginalDeadline < today || !t.IsOpen))
            {
                due++;
                if (DeadlineRules.ClosedOnTime(t.ClosedOn, t.OriginalDeadline)) onTime++;
            }
        }
        return new RateRow(assigned, closed, due, onTime, overdue, late, proposals, replied, given, satisfied);
    }

    /// <summary>
    /// One month of the trend: assigned and closed in the month, the month's assignments now overdue, and its completion
    /// rate over the tasks due by the month's end (today for the current month). Null figures for a month not begun.
    /// </summary>
    public static MonthFigures Month(IEnumerable<TaskFacts> tasks, DateOnly monthStart, DateOnly today)
    {
        var end = monthStart.AddMonths(1).AddDays(-1);
        if (monthStart > today) return new MonthFigures(monthStart, null, null, null, null);
        var dueBy = end < today ? end : today;
        int assigned = 0, closed = 0, overdue = 0, due = 0, dueClosed = 0;
        foreach (var t in tasks)
        {
            if (t.ClosedOn is DateOnly c && c >= monthStart && c <= end) closed++;
            if (!t.IsAssigned || t.AssignedOn < monthStart || t.AssignedOn > end) continue;
            assigned++;
            if (DeadlineRules.OverdueOpen(t.IsOpen, t.Deadline, today)) overdue++;
            if (t.Deadline <= dueBy)
            {
                due++;
                if (!t.IsOpen) dueClosed++;
            }
        }
        return new MonthFigures(monthStart, assigned, closed, overdue, Rate.Of(dueClosed, due));
    }

    /// <summary>The office's default order: 办结率, then 按期办结率, then 交办数.</summary>
    public static readonly IReadOnlyList<RankBy> DefaultKeys = new[] { RankBy.Completion, RankBy.OnTime, RankBy.Assigned };

    /// <summary>The key chosen on the page first, then the configured tie-breakers in their order.</summary>
    public static List<RankBy> Keys(RankBy first, IEnumerable<RankBy>? breakers = null) =>
        new[] { first }.Concat(breakers ?? DefaultKeys).Where(Enum.IsDefined).Distinct().ToList();

    /// <summary>
    /// Per unit, ranked by the keys in order with ties (并列) only when every key is equal; a unit whose first rate has no
    /// denominator shows "—" and comes last. Rates are compared as shown (one decimal).
    /// </summary>
    public static List<Ranked<(TUnit Unit, RateRow Row)>> ByUnit<TUnit>(
        IEnumerable<TUnit> units, Func<TUnit, int> unitId, Func<TUnit, string> sortKey,
        IReadOnlyList<TaskFacts> tasks, Period period, DateOnly today, IReadOnlyList<RankBy>? keys = null)
    {
        var byUnit = tasks.ToLookup(t => t.LeadUnitId);
        var rows = units.Select(u => (Unit: u, Row: Compute(byUnit[unitId(u)], period, today))).ToList();
        var values = (keys ?? DefaultKeys).Select(k => (Func<(TUnit Unit, RateRow Row), decimal?>)(r => Value(r.Row, k))).ToList();
        return CompetitionRanking.Rank(rows, values, r => sortKey(r.Unit));
    }

    private static decimal? Value(RateRow row, RankBy key) => key switch
    {
        RankBy.OnTime => Rate.Percent(row.OnTimeRate),
        RankBy.Assigned => row.Assigned,
        _ => Rate.Percent(row.CompletionRate),
    };

    public static string Label(RankBy by) => by switch { RankBy.OnTime => "按期办结率", RankBy.Assigned => "交办数", _ => "办结率" };

    /// <summary>"办结率；并列时依次比较按期办结率、交办数" — how the page and the workbook state the order.</summary>
    public static string Label(IReadOnlyList<RankBy> keys) =>
        Label(keys[0]) + (keys.Count > 1 ? "；相同时依次比较" + string.Join("、", keys.Skip(1).Select(Label)) : "");
}
