using Portal.Data;
using Portal.Pages.Dashboard;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Tests.Statistics;

/// <summary>The ranking rules as offices apply them (issue 18): tie-breakers, rank movement, empty periods, award eligibility.</summary>
public class OfficeRankingRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc);

    // ---------- tie-breakers ----------

    [Fact]
    public void Tie_OnTheFirstKey_IsBrokenByTheSecond()
    {
        var rows = CompetitionRanking.Rank(new[] { ("A", 90m, 1m), ("B", 90m, 3m), ("C", 80m, 9m) },
            new Func<(string, decimal, decimal), decimal?>[] { x => x.Item2, x => x.Item3 }, x => x.Item1);
        Assert.Equal(new[] { "B", "A", "C" }, rows.Select(r => r.Item.Item1));
        Assert.Equal(new[] { "1", "2", "3" }, rows.Select(r => r.RankText));
        Assert.Equal(90m, rows[0].Score);   // the score shown is the first key
    }

    [Fact]
    public void Tie_SurvivingEveryKey_SharesTheRank_AndTheNextIsSkipped()
    {
        var rows = CompetitionRanking.Rank(new[] { ("A", 90m, 2m), ("B", 90m, 2m), ("C", 90m, 1m) },
            new Func<(string, decimal, decimal), decimal?>[] { x => x.Item2, x => x.Item3 }, x => x.Item1);
        Assert.Equal(new[] { "并列1", "并列1", "3" }, rows.Select(r => r.RankText));
    }

    [Fact]
    public void ABreakerWithoutAValue_CountsBelowAnyValue()
    {
        var rows = CompetitionRanking.Rank(new[] { ("A", 50m, (decimal?)null), ("B", 50m, 0m) },
            new Func<(string, decimal, decimal?), decimal?>[] { x => x.Item2, x => x.Item3 }, x => x.Item1);
        Assert.Equal(new[] { "B", "A" }, rows.Select(r => r.Item.Item1));
    }

    [Fact]
    public void Supervision_DefaultBreakers_AreOnTimeRate_ThenAssignedCount()
    {
        Assert.Equal(new[] { RankBy.Completion, RankBy.OnTime, RankBy.Assigned }, SupervisionRates.Keys(RankBy.Completion));
        Assert.Equal(new[] { RankBy.OnTime, RankBy.Completion, RankBy.Assigned }, SupervisionRates.Keys(RankBy.OnTime));
        Assert.Equal("办结率；相同时依次比较按期办结率、交办数", SupervisionRates.Label(SupervisionRates.Keys(RankBy.Completion)));
        var at = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var day = new DateOnly(2025, 3, 10);
        TaskFacts Closed(int unit) // closed on time, 100%/100%
        {
            var t = SupervisionTask.Register("督" + Guid.NewGuid().ToString("N")[..6], TaskSource.AssignedMatter, null, "事项", "", unit, Array.Empty<int>(), day, day.AddDays(10), TaskPriority.Normal, null, at);
            t.Assign(day, "s", at);
            t.Complete(day.AddDays(2), "完成", "s", at);
            return TaskFacts.Of(t);
        }
        // Same 办结率 and 按期办结率 (100%); unit 2 handled three tasks, unit 1 one: 交办数 decides.
        var facts = new[] { Closed(1), Closed(2), Closed(2), Closed(2) };
        var ranked = SupervisionRates.ByUnit(new[] { 1, 2 }, u => u, u => u.ToString(), facts, Period.Year(2025), new DateOnly(2025, 6, 1));
        Assert.Equal(new[] { (2, "1"), (1, "2") }, ranked.Select(r => (r.Item.Unit, r.RankText)));
    }

    [Fact]
    public void Submissions_EqualPoints_AreBrokenByAdoptedItems()
    {
        var units = new[] { new UnitRef(1, "甲", 1), new UnitRef(2, "乙", 2) };
        var facts = new[]
        {
            new ItemFact(1, new DateOnly(2026, 3, 2), new[] { AdoptionLevel.Province }, 0, 5m),                       // 1 adopted, 5 points
            new ItemFact(2, new DateOnly(2026, 3, 2), new[] { AdoptionLevel.City }, 0, 2.5m),
            new ItemFact(2, new DateOnly(2026, 3, 3), new[] { AdoptionLevel.City }, 0, 2.5m),                          // 2 adopted, 5 points
        };
        var rows = SubmissionStatistics.Ranking(units, facts, Period.Month(2026, 3));
        Assert.Equal(new[] { (2, "1"), (1, "2") }, rows.Select(r => (r.Figures.Unit.Id, r.RankText)));
        Assert.Equal("得分；相同时依次比较采用条数", SubmissionStatistics.Label(SubmissionStatistics.DefaultKeys));
    }

    // ---------- rank movement ----------

    [Fact]
    public void Movement_OnlyBetweenPeriodsWithActivity_NewForAFirstAppearance()
    {
        var units = new[] { new UnitRef(1, "甲", 1), new UnitRef(2, "乙", 2), new UnitRef(3, "丙", 3), new UnitRef(4, "丁", 4) };
        var facts = new[]
        {
            new ItemFact(1, new DateOnly(2026, 2, 5), new[] { AdoptionLevel.City }, 0, 1m),   // 甲: active in both
            new ItemFact(1, new DateOnly(2026, 3, 5), new[] { AdoptionLevel.City }, 0, 9m),
            new ItemFact(2, new DateOnly(2026, 2, 5), new[] { AdoptionLevel.City }, 0, 8m),   // 乙: February only (inactive now)
            new ItemFact(3, new DateOnly(2026, 3, 5), Array.Empty<AdoptionLevel>(), 0, 0m),    // 丙: March only (new)
            new ItemFact(4, new DateOnly(2026, 2, 5), Array.Empty<AdoptionLevel>(), 0, 0m),    // 丁: nothing in March
        };
        var rows = SubmissionStatistics.Ranking(units, facts, Period.Month(2026, 3)).ToDictionary(r => r.Figures.Unit.Id);
        Assert.Equal("↑1", rows[1].ChangeText);       // 2nd in February, 1st in March
        Assert.Equal("2", rows[1].PreviousRankText);
        Assert.Equal("—", rows[2].ChangeText);        // submitted nothing in March: no arrow, however its rank moved
        Assert.Equal("—", rows[2].PreviousRankText);
        Assert.Null(rows[2].Change);
        Assert.Equal("新", rows[3].ChangeText);
        Assert.Equal("—", rows[4].ChangeText);
        Assert.Equal("—", CompetitionRanking.MovementText(5, 1, activeBefore: true, activeNow: false));
        Assert.Equal("新", CompetitionRanking.MovementText(null, 1, activeBefore: false, activeNow: true));
        Assert.Equal("↓2", CompetitionRanking.MovementText(1, 3, activeBefore: true, activeNow: true));
    }

    // ---------- empty periods ----------

    [Fact]
    public void EmptyPeriod_IsEmpty_NotATableOfTies()
    {
        var units = new[] { new UnitRef(1, "甲", 1), new UnitRef(2, "乙", 2) };
        var facts = new[] { new ItemFact(1, new DateOnly(2026, 3, 5), new[] { AdoptionLevel.City }, 0, 1m) };
        Assert.True(SubmissionStatistics.IsEmpty(SubmissionStatistics.Ranking(units, facts, Period.Year(2019))));
        Assert.False(SubmissionStatistics.IsEmpty(SubmissionStatistics.Ranking(units, facts, Period.Year(2026))));
        var none = SupervisionRates.Compute(Array.Empty<TaskFacts>(), Period.Year(2019), new DateOnly(2026, 1, 1));
        Assert.Equal((0, 0), (none.Assigned, none.DueInPeriod));
        Assert.Null(none.CompletionRate);
    }

    // ---------- award eligibility ----------

    [Fact]
    public void ExcludedGrade_AtTheQuotaBoundary_PassesThePlaceToTheNextEligibleUnit()
    {
        var round = EvaluationRound.Create("2026年度考评", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, Now);
        round.SetGrades(GradeMethod.Thresholds, 28, 24, 20, 20, 40);
        round.AddComponent("自评材料", "自评材料", 30, FillMethod.Entered);
        round.AddComponent("单项工作", "接待", 10, FillMethod.Entered, awardCount: 1);
        round.SetQuota(UnitKind.CountyOffice, 1);
        // Ids as the database would give them (the calculator keys entered values by component).
        for (var i = 0; i < round.Components.Count; i++) typeof(EvaluationComponent).GetProperty(nameof(EvaluationComponent.Id))!.SetValue(round.Components[i], i + 1);
        var ids = round.Components.Select(c => c.Id).ToList();
        var units = new List<UnitInfo> { new(1, "甲县", UnitKind.CountyOffice, 1), new(2, "乙县", UnitKind.CountyOffice, 2), new(3, "丙县", UnitKind.CountyOffice, 3) };
        // 甲县 is best at 接待 (10) but 不合格 overall (19 < 20); 乙县 is second at 接待.
        var entered = new Dictionary<(int, int), EnteredValue>
        {
            [(ids[0], 1)] = new(9, null), [(ids[1], 1)] = new(10, null),   // total 19: 不合格
            [(ids[0], 2)] = new(20, null), [(ids[1], 2)] = new(6, null),   // total 26: 良好
            [(ids[0], 3)] = new(15, null), [(ids[1], 3)] = new(5, null),   // total 20: 合格
        };
        RoundResults Compute(IReadOnlyCollection<string>? excluded, Dictionary<int, int?>? previous = null) => EvaluationCalculator.Compute(round, units, 3, entered, new Dictionary<int, int>(),
            new Dictionary<int, List<(decimal, string)>>(), new ModuleFigures(new Dictionary<int, decimal>(), new Dictionary<int, (decimal?, decimal?)>()),
            previous ?? new Dictionary<int, int?>(), Now, null, excluded);

        var byDefault = Compute(null);
        Assert.Equal(Grades.Fail, byDefault.Rows.Single(r => r.UnitId == 1).Grade);
        Assert.Equal(new[] { "乙县" }, byDefault.SingleItems.Single().Candidates.Select(c => c.UnitName));   // 甲县 had the place
        Assert.Equal(new[] { "乙县" }, byDefault.Collective.Single().Candidates.Select(c => c.UnitName));
        Assert.Contains("“不合格”的单位不能作为候选", byDefault.AwardRule);

        var nothingExcluded = Compute(Array.Empty<string>());
        Assert.Equal(new[] { "甲县" }, nothingExcluded.SingleItems.Single().Candidates.Select(c => c.UnitName));
        Assert.DoesNotContain("不能作为候选", nothingExcluded.AwardRule);

        var passExcludedToo = Compute(new[] { Grades.Fail, Grades.Pass });
        Assert.Equal(new[] { "乙县" }, passExcludedToo.SingleItems.Single().Candidates.Select(c => c.UnitName));
        Assert.False(AwardEligibility.IsEligible(Grades.Pass, new[] { Grades.Fail, Grades.Pass }));

        // Rank movement against the previous round: 丙县 did not take part in it ("新"); without a previous round, "—".
        var moved = Compute(null, new Dictionary<int, int?> { [1] = 1, [2] = 2 }).Rows.ToDictionary(r => r.UnitId, r => r.ChangeText);
        Assert.Equal(("↑1", "↓2", "新"), (moved[2], moved[1], moved[3]));
        Assert.All(byDefault.Rows, r => Assert.Equal("—", r.ChangeText));
    }

    // ---------- the monthly lines ----------

    [Fact]
    public void MonthlyCompletion_CountsOnlyTasksDueByTheMonthsEnd_AndOverdueAddsUpToThePeriod()
    {
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        TaskFacts Task(DateOnly assigned, DateOnly deadline, DateOnly? closed)
        {
            var t = SupervisionTask.Register("督" + Guid.NewGuid().ToString("N")[..6], TaskSource.AssignedMatter, null, "事项", "", 1, Array.Empty<int>(), assigned, deadline, TaskPriority.Normal, null, at);
            t.Assign(assigned, "s", at);
            if (closed is DateOnly c) t.Complete(c, "完成", "s", at);
            return TaskFacts.Of(t);
        }
        var today = new DateOnly(2026, 11, 20);
        var tasks = new[]
        {
            Task(new(2026, 11, 2), new(2026, 11, 10), new(2026, 11, 9)),   // due, closed
            Task(new(2026, 11, 3), new(2026, 11, 15), null),               // due, open: overdue
            Task(new(2026, 11, 5), new(2026, 12, 20), null),               // not due yet: left out of the rate
            Task(new(2026, 11, 6), new(2026, 12, 30), null),
            Task(new(2026, 10, 6), new(2026, 10, 30), null),               // October: overdue, counted in October
        };
        var november = SupervisionRates.Month(tasks, new DateOnly(2026, 11, 1), today);
        Assert.Equal(0.5m, november.CompletionRate);                        // 1 closed of the 2 due, not 1 of 4
        Assert.Equal(4, november.Assigned);
        Assert.Equal(1, november.OverdueOpen);
        var october = SupervisionRates.Month(tasks, new DateOnly(2026, 10, 1), today);
        Assert.Equal(1, october.OverdueOpen);
        Assert.Equal(0m, october.CompletionRate);
        Assert.Null(SupervisionRates.Month(tasks, new DateOnly(2026, 12, 1), today).Assigned);   // a month not begun has no figures
        var quarter = SupervisionRates.Compute(tasks, Period.Quarter(2026, 4), today);
        Assert.Equal(quarter.OverdueOpen, october.OverdueOpen + november.OverdueOpen);
    }

    // ---------- the dashboard's round ----------

    [Fact]
    public void DashboardRound_IsThePeriodsAnnualRound_AndAnUnscoredRoundNeverTakesOver()
    {
        var annual = new RoundOption(1, "2026年度考评", new(2026, 1, 1), new(2026, 12, 31), HasScores: true);
        var unscored = new RoundOption(2, "2026年下半年专项", new(2026, 6, 1), new(2027, 3, 31), HasScores: false);
        var special = new RoundOption(3, "2026年第三季度专项", new(2026, 7, 1), new(2026, 9, 30), HasScores: true);
        var rounds = new[] { annual, unscored, special };
        Assert.Equal(annual, RoundChoice.Choose(rounds, Period.Year(2026), null));
        Assert.Equal(annual, RoundChoice.Choose(rounds, Period.Quarter(2026, 3), null));         // the annual round of the quarter's year
        Assert.Equal(special, RoundChoice.Choose(rounds, Period.Year(2026), 3));                 // chosen in the selector
        Assert.Equal(annual, RoundChoice.Choose(rounds, Period.Year(2026), 2));                  // an unscored round is not offered
        Assert.DoesNotContain(unscored, RoundChoice.Offered(rounds, Period.Year(2026)));
        Assert.Null(RoundChoice.Choose(new[] { unscored }, Period.Year(2026), null));
        Assert.Equal(special, RoundChoice.Choose(new[] { unscored, special }, Period.Year(2026), null)); // no annual round: the latest scored one
    }
}
