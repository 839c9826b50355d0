using Portal.Infrastructure;
using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Tests.Supervision;

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

public class SupervisionRulesTests
{
    private static readonly DateOnly Mar10 = new(2025, 3, 10);
    private static readonly DateTime At = new(2025, 1, 1, 2, 0, 0, DateTimeKind.Utc);

    private static SupervisionTask NewTask(DateOnly assigned, DateOnly deadline, TaskSource source = TaskSource.LeaderInstruction, int lead = 1, params int[] co)
    {
        var t = SupervisionTask.Register("督〔2025〕1号", source, null, "事项", "要求", lead, co, assigned, deadline, TaskPriority.Normal, "staff", At);
        t.Assign(assigned, "staff", At);
        return t;
    }

    [Fact]
    public void Warning_DeadlineToday_IsYellow_NotRed()
    {
        Assert.Equal(WarningLevel.Yellow, DeadlineRules.Warning(true, Mar10, Mar10, 3));
        Assert.Equal(0, DeadlineRules.DaysLeft(Mar10, Mar10));
    }

    [Fact]
    public void Warning_StartsExactly_WarningDaysBefore_AndIsConfigurable()
    {
        Assert.Equal(WarningLevel.Yellow, DeadlineRules.Warning(true, Mar10, Mar10.AddDays(-3), 3));
        Assert.Equal(WarningLevel.None, DeadlineRules.Warning(true, Mar10, Mar10.AddDays(-4), 3));
        Assert.Equal(WarningLevel.Yellow, DeadlineRules.Warning(true, Mar10, Mar10.AddDays(-5), 5));
    }

    [Fact]
    public void Warning_DayAfterDeadline_IsRed_AndClosedTasksHaveNone()
    {
        Assert.Equal(WarningLevel.Red, DeadlineRules.Warning(true, Mar10, Mar10.AddDays(1), 3));
        Assert.Equal(WarningLevel.None, DeadlineRules.Warning(false, Mar10, Mar10.AddDays(1), 3));
    }

    [Fact]
    public void WarningOf_TheDatabaseExpression_AgreesWithTheRule_ForEveryStateAndDay()
    {
        // The ledger sorts and filters by DeadlineRules.WarningOf in SQL; the pages show DeadlineRules.Warning. They must agree.
        var status = typeof(SupervisionTask).GetProperty(nameof(SupervisionTask.Status))!;
        foreach (var days in new[] { 0, 3, 5 })
        {
            var of = DeadlineRules.WarningOf(Mar10, days).Compile();
            var levels = Enum.GetValues<WarningLevel>().ToDictionary(l => l, l => DeadlineRules.WarningIs(l, Mar10, days).Compile());
            var warned = DeadlineRules.Warned(Mar10, days).Compile();
            foreach (var st in Enum.GetValues<SupervisionStatus>())
                for (var offset = -8; offset <= 8; offset++)
                {
                    var t = NewTask(Mar10.AddDays(-30), Mar10.AddDays(offset));
                    status.SetValue(t, st);
                    var rule = DeadlineRules.Warning(t, Mar10, days);
                    Assert.Equal(rule, of(t));
                    Assert.All(levels, l => Assert.Equal(l.Key == rule, l.Value(t)));
                    Assert.Equal(rule != WarningLevel.None, warned(t));
                }
        }
    }

    [Fact]
    public void Warning_AtMidnight_UsesShanghaiDate_NotUtcDate()
    {
        // 17:00 UTC on 10 March is 01:00 on 11 March in Shanghai: a task due on the 10th is already overdue.
        var clock = new FixedTime(new DateTimeOffset(2025, 3, 10, 17, 0, 0, TimeSpan.Zero));
        var today = ShanghaiClock.Today(clock);
        Assert.Equal(new DateOnly(2025, 3, 11), today);
        Assert.Equal(WarningLevel.Red, DeadlineRules.Warning(true, Mar10, today, 3));
        // One minute before Shanghai midnight (15:59 UTC) it is still the deadline day.
        clock.Now = new DateTimeOffset(2025, 3, 10, 15, 59, 0, TimeSpan.Zero);
        Assert.Equal(WarningLevel.Yellow, DeadlineRules.Warning(true, Mar10, ShanghaiClock.Today(clock), 3));
    }

    [Fact]
    public void ExtendedDeadline_MovesWarnings_ButOnTimeStillUsesOriginalDeadline()
    {
        var t = NewTask(new DateOnly(2025, 2, 1), Mar10);
        t.Extend(new DateOnly(2025, 3, 20), "需省厅批复", "张副秘书长", Mar10.AddDays(-1), "staff", At);
        Assert.Equal(Mar10, t.OriginalDeadline);
        Assert.Equal(new DateOnly(2025, 3, 20), t.Deadline);
        Assert.True(t.IsExtended);
        // Two days past the original deadline, eight before the new one: no warning, not overdue.
        Assert.Equal(WarningLevel.None, DeadlineRules.Warning(t, new DateOnly(2025, 3, 12), 3));
        Assert.Equal(WarningLevel.Yellow, DeadlineRules.Warning(t, new DateOnly(2025, 3, 17), 3));
        t.Complete(new DateOnly(2025, 3, 15), "已完成", "staff", At);
        Assert.False(DeadlineRules.ClosedOnTime(t.ClosedOn, t.OriginalDeadline));
        var row = SupervisionRates.Compute(new[] { TaskFacts.Of(t) }, Period.Year(2025), new DateOnly(2025, 4, 1));
        Assert.Equal(1, row.DueInPeriod);
        Assert.Equal(0, row.ClosedOnTime);
        Assert.Equal(1, row.ClosedLate);
        Assert.Equal("0.0%", Rate.Format(row.OnTimeRate));
        Assert.Equal("100.0%", Rate.Format(row.CompletionRate));
    }

    [Fact]
    public void ClosedOnDeadlineDay_IsOnTime_ClosedNextDay_IsLate()
    {
        Assert.True(DeadlineRules.ClosedOnTime(Mar10, Mar10));
        Assert.False(DeadlineRules.ClosedOnTime(Mar10.AddDays(1), Mar10));
        Assert.True(DeadlineRules.ClosedLate(Mar10.AddDays(1), Mar10));
        Assert.False(DeadlineRules.ClosedOnTime(null, Mar10));
    }

    [Fact]
    public void OnTimeRate_CountsOpenTaskDueToday_OnlyFromTheNextDay()
    {
        var dueToday = TaskFacts.Of(NewTask(new DateOnly(2025, 3, 1), Mar10));
        var year = Period.Year(2025);
        var onTheDay = SupervisionRates.Compute(new[] { dueToday }, year, Mar10);
        Assert.Equal(0, onTheDay.DueInPeriod);
        Assert.Null(onTheDay.OnTimeRate);
        Assert.Equal("—", Rate.Format(onTheDay.OnTimeRate));
        Assert.Equal(0, onTheDay.OverdueOpen);
        var nextDay = SupervisionRates.Compute(new[] { dueToday }, year, Mar10.AddDays(1));
        Assert.Equal(1, nextDay.DueInPeriod);
        Assert.Equal(1, nextDay.OverdueOpen);
        Assert.Equal("0.0%", Rate.Format(nextDay.OnTimeRate));
    }

    [Fact]
    public void OnTimeRate_Denominator_IsTasksWhoseOriginalDeadlineFellInThePeriod()
    {
        // Assigned in February, due in March: it counts for March's on-time rate, and for February's completion rate.
        var t = NewTask(new DateOnly(2025, 2, 20), Mar10);
        t.Complete(new DateOnly(2025, 3, 5), "完成", "staff", At);
        var facts = new[] { TaskFacts.Of(t) };
        var today = new DateOnly(2025, 6, 1);
        var feb = SupervisionRates.Compute(facts, Period.Month(2025, 2), today);
        var mar = SupervisionRates.Compute(facts, Period.Month(2025, 3), today);
        Assert.Equal((1, 1, 0), (feb.Assigned, feb.Closed, feb.DueInPeriod));
        Assert.Equal((0, 1, 1), (mar.Assigned, mar.DueInPeriod, mar.ClosedOnTime));
        Assert.Null(mar.CompletionRate);
        Assert.Equal("100.0%", Rate.Format(mar.OnTimeRate));
    }

    [Fact]
    public void Rates_AreUndefined_WithoutDenominator_AndRegisteredTasksDoNotCount()
    {
        var registered = SupervisionTask.Register("督〔2025〕9号", TaskSource.KeyWork, null, "事项", "", 1, Array.Empty<int>(), Mar10, Mar10, TaskPriority.Normal, null, At);
        var row = SupervisionRates.Compute(new[] { TaskFacts.Of(registered) }, Period.Year(2025), Mar10.AddDays(30));
        Assert.Equal(0, row.Assigned);
        Assert.Equal(0, row.DueInPeriod);
        Assert.Equal("—", Rate.Format(row.CompletionRate));
        Assert.Equal("—", Rate.Format(row.ReplyRate));
        Assert.Equal("—", Rate.Format(row.SatisfactionRate));
    }

    [Fact]
    public void ReplyAndSatisfactionRates_CountProposalsOnly()
    {
        var a = NewTask(Mar10, Mar10.AddDays(90), TaskSource.NpcSuggestion);
        a.RecordReply(Mar10.AddDays(30), ReplyType.ResolvedAdopted, Satisfaction.Satisfied, "staff", At);
        var b = NewTask(Mar10, Mar10.AddDays(90), TaskSource.CppccProposal);
        b.RecordReply(Mar10.AddDays(40), ReplyType.Explained, Satisfaction.Dissatisfied, "staff", At);
        var c = NewTask(Mar10, Mar10.AddDays(90), TaskSource.CppccProposal);
        var d = NewTask(Mar10, Mar10.AddDays(90), TaskSource.KeyWork);
        var row = SupervisionRates.Compute(new[] { a, b, c, d }.Select(TaskFacts.Of), Period.Year(2025), Mar10.AddDays(50));
        Assert.Equal((3, 2, 2, 1), (row.Proposals, row.Replied, row.SatisfactionGiven, row.Satisfied));
        Assert.Equal("66.7%", Rate.Format(row.ReplyRate));
        Assert.Equal("50.0%", Rate.Format(row.SatisfactionRate));
        Assert.Throws<RuleException>(() => d.RecordReply(Mar10, ReplyType.Planned, null, "staff", At));
    }

    [Fact]
    public void ByUnit_RanksByCompletionRate_WithTies_AndUnitsWithoutTasksLast()
    {
        var tasks = new List<TaskFacts>();
        void Add(int unit, bool closed)
        {
            var t = NewTask(Mar10, Mar10.AddDays(10), lead: unit);
            if (closed) t.Complete(Mar10.AddDays(5), "完成", "staff", At);
            tasks.Add(TaskFacts.Of(t));
        }
        Add(1, true); Add(1, false);          // 50%
        Add(2, true);                          // 100%
        Add(3, true); Add(3, false);          // 50%
        Add(4, false);                         // 0%
        var units = new[] { 1, 2, 3, 4, 5 };
        var ranked = SupervisionRates.ByUnit(units, u => u, u => u.ToString(), tasks, Period.Year(2025), Mar10.AddDays(30));
        Assert.Equal(new[] { 2, 1, 3, 4, 5 }, ranked.Select(r => r.Item.Unit));
        Assert.Equal(new[] { "1", "并列2", "并列2", "4", "—" }, ranked.Select(r => r.RankText));
    }

    [Fact]
    public void ByUnit_EqualCompletionRate_IsBrokenByOnTimeRate_AndCanRankByOnTimeFirst()
    {
        var today = new DateOnly(2025, 6, 1);
        var early = NewTask(Mar10, Mar10.AddDays(10), lead: 1);
        early.Complete(Mar10.AddDays(5), "完成", "staff", At);          // unit 1: 1/1 on time
        var late = NewTask(Mar10, Mar10.AddDays(10), lead: 2);
        late.Complete(Mar10.AddDays(15), "完成", "staff", At);          // unit 2: closed, 0/1 on time
        var facts = new[] { early, late }.Select(TaskFacts.Of).ToList();
        // Both 100% 办结率: the second key (按期办结率) breaks the tie.
        var byCompletion = SupervisionRates.ByUnit(new[] { 2, 1 }, u => u, u => u.ToString(), facts, Period.Year(2025), today);
        Assert.Equal(new[] { 1, 2 }, byCompletion.Select(r => r.Item.Unit));
        Assert.Equal(new[] { "1", "2" }, byCompletion.Select(r => r.RankText));
        var byOnTime = SupervisionRates.ByUnit(new[] { 1, 2 }, u => u, u => u.ToString(), facts, Period.Year(2025), today, SupervisionRates.Keys(RankBy.OnTime));
        Assert.Equal(new[] { 1, 2 }, byOnTime.Select(r => r.Item.Unit));
        Assert.Equal(new[] { "1", "2" }, byOnTime.Select(r => r.RankText));
    }

    [Fact]
    public void Lifecycle_GuardsItsTransitions()
    {
        var registered = SupervisionTask.Register("督〔2025〕2号", TaskSource.AssignedMatter, null, "事项", "", 1, new[] { 2 }, Mar10, Mar10.AddDays(20), TaskPriority.Urgent, null, At);
        Assert.Throws<RuleException>(() => registered.Complete(Mar10, "完成", "staff", At));
        Assert.Throws<RuleException>(() => registered.ReportProgress(1, Mar10, "进展", false, null, At));
        registered.Assign(Mar10, "staff", At);
        Assert.Throws<RuleException>(() => registered.Assign(Mar10, "staff", At));
        Assert.Throws<RuleException>(() => registered.SendBack(Mar10, "不行", "staff", At));
        Assert.Throws<RuleException>(() => registered.ReportProgress(3, Mar10, "别的单位", false, null, At));
        Assert.Throws<RuleException>(() => registered.ReportProgress(2, Mar10, "协办单位申请办结", true, null, At));
        Assert.Throws<RuleException>(() => registered.Extend(Mar10.AddDays(20), "同一天", "领导", Mar10, "staff", At));
        Assert.Throws<RuleException>(() => registered.Extend(Mar10.AddDays(30), "", "领导", Mar10, "staff", At));

        registered.ReportProgress(2, Mar10.AddDays(1), "协办进展", false, null, At);
        Assert.Equal(SupervisionStatus.InProgress, registered.Status);
        registered.ReportProgress(1, Mar10.AddDays(2), "已完成", true, null, At);
        Assert.Equal(Mar10.AddDays(2), registered.CloseRequestedOn);
        registered.SendBack(Mar10.AddDays(3), "材料不全", "staff", At);
        Assert.Null(registered.CloseRequestedOn);
        Assert.Equal(SupervisionStatus.InProgress, registered.Status);
        registered.Complete(Mar10.AddDays(5), "已办结", "staff", At);
        Assert.Throws<RuleException>(() => registered.Complete(Mar10.AddDays(6), "again", "staff", At));
        Assert.Throws<RuleException>(() => registered.Extend(Mar10.AddDays(60), "晚了", "领导", Mar10, "staff", At));
        // A closed task is not "sent back": 撤销办结 reopens it, with a reason, and it then counts as open.
        Assert.Throws<RuleException>(() => registered.SendBack(Mar10.AddDays(7), "群众再次反映", "staff", At));
        Assert.Throws<RuleException>(() => registered.Reopen(Mar10.AddDays(7), " ", "staff", At));
        registered.Reopen(Mar10.AddDays(7), "群众再次反映", "staff", At);
        Assert.True(registered.IsOpen);
        Assert.Equal(SupervisionStatus.InProgress, registered.Status);
        Assert.Null(registered.ClosedOn);
        Assert.Null(registered.Result);
        Assert.Throws<RuleException>(() => registered.Reopen(Mar10.AddDays(8), "再撤销一次", "staff", At));
        Assert.Equal(new[] { TaskEventKind.Registered, TaskEventKind.Assigned, TaskEventKind.Reported, TaskEventKind.Reported,
            TaskEventKind.SentBack, TaskEventKind.Closed, TaskEventKind.Reopened }, registered.Events.Select(e => e.Kind));
        Assert.Equal("群众再次反映", registered.Events[^1].Note);
    }

    [Fact]
    public void Register_RejectsDeadlineBeforeAssignment()
    {
        Assert.Throws<RuleException>(() =>
            SupervisionTask.Register("督〔2025〕3号", TaskSource.KeyWork, null, "事项", "", 1, Array.Empty<int>(), Mar10, Mar10.AddDays(-1), TaskPriority.Normal, null, At));
    }

    [Fact]
    public void Urge_OnlyOpenTasks_AndOnlyTheirUnits_EachLeavingATimelineLine()
    {
        var task = SupervisionTask.Register("督〔2025〕9号", TaskSource.KeyWork, null, "事项", "", 1, new[] { 2 }, Mar10, Mar10.AddDays(20), TaskPriority.Normal, null, At);
        Assert.Throws<RuleException>(() => task.Urge(1, "甲单位", null, Mar10, "staff", At)); // not yet assigned
        task.Assign(Mar10, "staff", At);
        Assert.Equal("只能催办本事项的牵头单位或协办单位。", Assert.Throws<RuleException>(() => task.Urge(3, "丙单位", null, Mar10, "staff", At)).Message);
        Assert.Throws<RuleException>(() => task.Urge(1, "甲单位", new string('催', UrgeRules.MaxMessageLength + 1), Mar10, "staff", At));
        task.Urge(1, "甲单位", "  请三日内报送进展 ", Mar10.AddDays(1), "staff", At);
        task.Urge(2, "乙单位", " ", Mar10.AddDays(1), "staff", At);
        Assert.Equal(new[] { (1, "请三日内报送进展"), (2, (string?)null) }, task.Urges.Select(u => (u.UnitId, u.Message)));
        Assert.Equal(new[] { "甲单位；请三日内报送进展", "乙单位" }, task.Events.Where(e => e.Kind == TaskEventKind.Urged).Select(e => e.Note));
        task.Complete(Mar10.AddDays(2), "完成", "staff", At);
        Assert.Equal("事项已办结，不能催办。", Assert.Throws<RuleException>(() => task.Urge(1, "甲单位", null, Mar10.AddDays(3), "staff", At)).Message);
    }

    [Theory]
    [InlineData(null, true, true)]         // no report since: waiting
    [InlineData(-60, true, true)]          // the last report came before the urge
    [InlineData(0, true, true)]            // recorded in the same instant: not after it
    [InlineData(60, true, false)]          // reported after the urge: answered
    [InlineData(null, false, false)]       // the task was closed: nothing to wait for
    public void UrgeRules_AnUrgeIsOpen_UntilTheUnitReportsAfterIt(int? reportSecondsAfter, bool taskOpen, bool open)
    {
        var urged = new DateTime(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);
        DateTime? report = reportSecondsAfter is int s ? urged.AddSeconds(s) : null;
        Assert.Equal(open, UrgeRules.IsOpen(urged, taskOpen, report));
    }
}
