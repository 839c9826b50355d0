using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Evaluation;

namespace Portal.Tests.Evaluation;

/// <summary>Ties on the boundary of a quota: found, flagged, and settled by the office's decision while it still fits.</summary>
public class CutoffRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc);

    private static TieDecisionInfo Decision(string key, int[] tied, int[] granted) => new(key, tied, granted, "评审领导小组决定", "demo.staff", Now);

    [Fact]
    public void Place_WithoutTies_FillsTiersByPosition()
    {
        var placed = Cutoffs.Place(new[] { (1, 90m), (2, 80m), (3, 70m), (4, 60m) }, new[] { 1, 3 });
        Assert.Equal(new[] { 0, 1, 1, 2 }, new[] { 1, 2, 3, 4 }.Select(id => placed.Placements[id].Tier));
        Assert.Empty(placed.Crossings);
        Assert.DoesNotContain(placed.Placements.Values, p => p.Unresolved || p.ByDecision);
    }

    [Fact]
    public void Place_TieAcrossTheCutoff_WithoutDecision_PlacesTheGroupAboveAndFlagsIt()
    {
        var placed = Cutoffs.Place(new[] { (1, 90m), (2, 85m), (3, 85m), (4, 70m) }, new[] { 2 });
        Assert.Equal(new[] { 0, 0, 0, 1 }, new[] { 1, 2, 3, 4 }.Select(id => placed.Placements[id].Tier));
        Assert.Equal(new[] { false, true, true, false }, new[] { 1, 2, 3, 4 }.Select(id => placed.Placements[id].Unresolved));
        var crossing = Assert.Single(placed.Crossings);
        Assert.Equal(0, crossing.Cutoff);
        Assert.Equal(1, crossing.Places);
        Assert.Equal(new[] { 2, 3 }, crossing.Tied.Order());
        Assert.Null(crossing.Decision);
    }

    [Fact]
    public void Place_TieWithinTheQuota_IsNotACutoffTie()
    {
        var placed = Cutoffs.Place(new[] { (1, 85m), (2, 85m), (3, 70m) }, new[] { 2 });
        Assert.Empty(placed.Crossings);
        Assert.Equal(1, placed.Placements[3].Tier);
    }

    [Fact]
    public void Place_Decision_GivesThePlaceToTheChosenUnit_AndMovesTheOthersBelow()
    {
        var decisions = new Dictionary<int, TieDecisionInfo> { [0] = Decision("k", new[] { 2, 3 }, new[] { 3 }) };
        var placed = Cutoffs.Place(new[] { (1, 90m), (2, 85m), (3, 85m), (4, 70m) }, new[] { 2 }, decisions);
        Assert.Equal(0, placed.Placements[3].Tier);
        Assert.Equal(1, placed.Placements[2].Tier);
        Assert.True(placed.Placements[2].ByDecision && placed.Placements[3].ByDecision);
        Assert.DoesNotContain(placed.Placements.Values, p => p.Unresolved);
        Assert.NotNull(Assert.Single(placed.Crossings).Decision);
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 2, 3 })]   // two chosen for one place
    [InlineData(new[] { 2, 3 }, new int[0])]       // none chosen
    [InlineData(new[] { 2, 5 }, new[] { 2 })]      // taken on another tie (unit 5 is no longer tied, unit 4 now is)
    [InlineData(new[] { 2, 3 }, new[] { 4 })]      // chosen unit not in the tie
    public void Place_DecisionThatDoesNotFitTheTie_IsNotApplied(int[] tied, int[] granted)
    {
        var decisions = new Dictionary<int, TieDecisionInfo> { [0] = Decision("k", tied, granted) };
        var units = tied.Contains(5) ? new[] { (1, 90m), (2, 85m), (4, 85m), (5, 60m) } : new[] { (1, 90m), (2, 85m), (3, 85m), (4, 70m) };
        var placed = Cutoffs.Place(units, new[] { 2 }, decisions);
        Assert.Null(Assert.Single(placed.Crossings).Decision);
        Assert.Equal(2, placed.Placements.Values.Count(p => p.Unresolved));
    }

    [Fact]
    public void Place_DecisionCanLeaveASecondTie_AtTheNextCutoff()
    {
        // 2 places above the first line, 3 above the second; three units tie on 90 from position 2.
        var decisions = new Dictionary<int, TieDecisionInfo> { [0] = Decision("k", new[] { 2, 3, 4 }, new[] { 4 }) };
        var placed = Cutoffs.Place(new[] { (1, 100m), (2, 90m), (3, 90m), (4, 90m), (5, 50m) }, new[] { 2, 3 }, decisions);
        Assert.Equal(0, placed.Placements[4].Tier);
        Assert.Equal(2, placed.Crossings.Count);
        var second = placed.Crossings[1];
        Assert.Equal(1, second.Cutoff);
        Assert.Equal(1, second.Places);
        Assert.Equal(new[] { 2, 3 }, second.Tied.Order());
        Assert.True(placed.Placements[2].Unresolved && placed.Placements[3].Unresolved);
        Assert.Equal(1, placed.Placements[2].Tier);
        Assert.Equal(2, placed.Placements[5].Tier);
    }

    [Fact]
    public void GradeByQuota_Decision_DecidesTheLastExcellentPlace()
    {
        // 5 units: 20% 优秀 = 1 place, 20% + 40% = 3 places 优秀或良好; units 1 and 2 tie on 140.
        var units = new List<(int, decimal)> { (1, 140), (2, 140), (3, 120), (4, 100), (5, 80) };
        var (undecided, crossings) = Grades.ByQuota(units, 20, 40, 90);
        Assert.Equal(new[] { "优秀", "优秀", "良好", "合格", "不合格" }, Enumerable.Range(1, 5).Select(id => undecided[id].Grade));
        Assert.True(undecided[1].TieAtCutoff && undecided[2].TieAtCutoff);
        Assert.Single(crossings);

        var decisions = new Dictionary<string, TieDecisionInfo> { [Grades.ExcellentCutoff] = Decision(Grades.ExcellentCutoff, new[] { 1, 2 }, new[] { 2 }) };
        var (decided, _) = Grades.ByQuota(units, 20, 40, 90, decisions);
        Assert.Equal(new[] { "良好", "优秀", "良好", "合格", "不合格" }, Enumerable.Range(1, 5).Select(id => decided[id].Grade));
        Assert.DoesNotContain(decided.Values, g => g.TieAtCutoff);
        Assert.True(decided[1].ByDecision && decided[2].ByDecision);
        Assert.False(decided[3].ByDecision);
    }

    [Fact]
    public void AwardsTop_Decision_KeepsOnlyTheChosenUnit()
    {
        var units = new[] { (1, "甲", 90m), (2, "乙", 85m), (3, "丙", 85m), (4, "丁", 70m) };
        var decided = Awards.Top(units, 2, Decision("collective:CountyOffice", new[] { 2, 3 }, new[] { 3 }));
        Assert.Equal(new[] { 1, 3 }, decided.Select(c => c.UnitId));
        Assert.True(decided.Single(c => c.UnitId == 3).ByDecision);
        Assert.DoesNotContain(decided, c => c.TieAtCutoff);
    }

    [Fact]
    public void Calculator_ListsTies_AppliesDecisions_AndKeepsDecisionsWhoseTieIsGone()
    {
        var round = EvaluationRound.Create("2026年度考评", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, Now);
        round.SetGrades(GradeMethod.Quotas, 29, 20, 10, 34, 33);
        round.AddComponent("自评材料", "自评材料", 30, FillMethod.Entered);
        round.SetQuota(UnitKind.CountyOffice, 1);
        var units = new List<UnitInfo> { new(1, "甲县", UnitKind.CountyOffice, 1), new(2, "乙县", UnitKind.CountyOffice, 2), new(3, "丙县", UnitKind.CountyOffice, 3) };
        var entered = new Dictionary<(int, int), EnteredValue> { [(0, 1)] = new(28, null), [(0, 2)] = new(28, null), [(0, 3)] = new(20, null) };
        RoundResults Compute(params TieDecisionInfo[] decisions) => EvaluationCalculator.Compute(round, units, 3, entered, new Dictionary<int, int>(),
            new Dictionary<int, List<(decimal, string)>>(), new ModuleFigures(new Dictionary<int, decimal>(), new Dictionary<int, (decimal?, decimal?)>()),
            new Dictionary<int, int?>(), Now, decisions);

        var open = Compute();
        Assert.Equal(new[] { Grades.ExcellentCutoff, "collective:CountyOffice" }, open.Ties.Select(t => t.Key));
        Assert.All(open.Ties, t => Assert.True(t.NeedsDecision));
        Assert.Equal(new[] { 1, 2 }, open.Collective.Single().Candidates.Select(c => c.UnitId).Order());
        Assert.All(open.Collective.Single().Candidates, c => Assert.True(c.TieAtCutoff));

        var decided = Compute(Decision(Grades.ExcellentCutoff, new[] { 1, 2 }, new[] { 2 }), Decision("collective:CountyOffice", new[] { 1, 2 }, new[] { 1 }),
            Decision(Grades.GoodCutoff, new[] { 2, 3 }, new[] { 3 }));
        Assert.Equal("良好", decided.Rows.Single(r => r.UnitId == 1).Grade);
        Assert.Equal("优秀", decided.Rows.Single(r => r.UnitId == 2).Grade);
        Assert.True(decided.Rows.Single(r => r.UnitId == 1).GradeByDecision);
        Assert.Equal(new[] { "甲县" }, decided.Collective.Single().Candidates.Select(c => c.UnitName));
        Assert.All(decided.Ties.Where(t => t.Units.Count > 0), t => Assert.True(t.Resolved));
        var gone = decided.Ties.Single(t => t.Key == Grades.GoodCutoff);
        Assert.Empty(gone.Units);
        Assert.True(gone.Stale);
        Assert.False(gone.NeedsDecision);
    }

    [Fact]
    public void TieDecision_MustChooseExactlyThePlaces_FromTheTiedUnits_WithAReason()
    {
        var round = EvaluationRound.Create("2026年度考评", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, Now);
        var tie = new CutoffTie("collective:CountyOffice", "先进集体（县（区）政府办公室）（名额 1 个）", 1,
            new() { new(1, "甲县", 28, false), new(2, "乙县", 28, false) }, null, false);
        Assert.Contains("应选择 1 个", Assert.Throws<RuleException>(() => EvaluationTieDecision.Record(round, tie, new[] { 1, 2 }, "会议决定", "s", Now)).Message);
        Assert.Contains("并列单位中", Assert.Throws<RuleException>(() => EvaluationTieDecision.Record(round, tie, new[] { 3 }, "会议决定", "s", Now)).Message);
        Assert.Contains("理由", Assert.Throws<RuleException>(() => EvaluationTieDecision.Record(round, tie, new[] { 1 }, " 好 ", "s", Now)).Message);

        var d = EvaluationTieDecision.Record(round, tie, new[] { 2 }, "评审领导小组会议决定", "demo.staff", Now);
        Assert.Equal(new[] { 1, 2 }, d.ToInfo().Tied);
        Assert.Equal(new[] { 2 }, d.ToInfo().Granted);

        var resolved = tie with { Resolved = true };
        Assert.Throws<RuleException>(() => EvaluationTieDecision.Record(round, resolved, new[] { 2 }, "评审领导小组会议决定", "s", Now));
        round.Lock("demo.staff", Now, "{}");
        Assert.Contains("已锁定", Assert.Throws<RuleException>(() => EvaluationTieDecision.Record(round, tie, new[] { 2 }, "评审领导小组会议决定", "s", Now)).Message);
    }
}
