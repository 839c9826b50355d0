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

public enum RankBy { Completion = 0, OnTime = 1 }

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
    public static readonly (string Name, string Definition)[] Definitions =
    {
        ("交办数", "牵头单位为本单位、交办日期在统计期间内的事项数（未交办的立项事项不计）。"),
        ("办结率", "办结数 ÷ 交办数：交办日期在统计期间内的事项中已办结的比例。"),
        ("按期办结率", "在原定期限（含当日）内办结的事项数 ÷ 原定期限在统计期间内、且已到期（原定期限早于今天）或已办结的事项数。延期不改变原定期限；期限当天仍未办结的事项次日才计入分母。"),
        ("逾期未办结", "交办日期在统计期间内、至今未办结且已过当前期限（含延期后期限）的事项数。"),
        ("逾期办结", "交办日期在统计期间内、办结日期晚于原定期限的事项数。"),
        ("答复率", "人大建议、政协提案中已答复的件数 ÷ 交办日期在统计期间内的建议提案件数。"),
        ("满意率", "答复后评价为“满意”或“基本满意”的件数 ÷ 已反馈满意度的件数。"),
        ("分母为 0", "比率显示为“—”，该单位不参与排名，列在最后；比率相同的单位并列同一名次，下一名次顺延（1、2、2、4）。"),
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
    /// Per unit, ranked by 办结率 (or 按期办结率) with ties (并列); a unit whose rate has no denominator shows "—" and comes last.
    /// Rates are compared as shown (one decimal), so units that look equal on the page share a rank.
    /// </summary>
    public static List<Ranked<(TUnit Unit, RateRow Row)>> ByUnit<TUnit>(
        IEnumerable<TUnit> units, Func<TUnit, int> unitId, Func<TUnit, string> sortKey,
        IReadOnlyList<TaskFacts> tasks, Period period, DateOnly today, RankBy by = RankBy.Completion)
    {
        var byUnit = tasks.ToLookup(t => t.LeadUnitId);
        var rows = units.Select(u => (Unit: u, Row: Compute(byUnit[unitId(u)], period, today))).ToList();
        return CompetitionRanking.Rank(rows, r => Rate.Percent(by == RankBy.OnTime ? r.Row.OnTimeRate : r.Row.CompletionRate), r => sortKey(r.Unit));
    }

    public static string Label(RankBy by) => by == RankBy.OnTime ? "按期办结率" : "办结率";
}
