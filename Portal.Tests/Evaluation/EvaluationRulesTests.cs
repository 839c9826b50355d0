using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Evaluation;

namespace Portal.Tests.Evaluation;

public class EvaluationRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(60, 60, 20, 20)]      // the best unit gets full marks
    [InlineData(30, 60, 20, 10)]
    [InlineData(10, 30, 20, 6.67)]    // 6.666… rounded half away from zero
    [InlineData(0, 60, 20, 0)]
    [InlineData(5, 0, 20, 0)]         // nobody scored: no division by zero
    public void ScaleToBest_ScalesTheUnitAgainstTheBest(decimal value, decimal best, decimal max, decimal expected) =>
        Assert.Equal(expected, ScoreRules.ScaleToBest(value, best, max));

    [Fact]
    public void ScaleRate_UndefinedRate_IsNull_NotZeroOrFull()
    {
        Assert.Null(ScoreRules.ScaleRate(null, 20));
        Assert.Equal(15m, ScoreRules.ScaleRate(0.75m, 20));
        Assert.Equal(20m, ScoreRules.ScaleRate(1.2m, 20));
    }

    [Fact]
    public void HundredPointScale_IsConvertedToTheComponentMaximum()
    {
        Assert.Equal(13.5m, ScoreRules.FromScale(90, 100, 15));
        Assert.Equal(12.5m, ScoreRules.FromScale(12.5m, null, 15));
    }

    [Fact]
    public void DocumentErrors_DeductPerError_FlooredAtZero()
    {
        Assert.Equal(12m, ScoreRules.AfterErrors(2, 1.5m, 15));
        Assert.Equal(0m, ScoreRules.AfterErrors(20, 1.5m, 15));
    }

    [Fact]
    public void Total_CapsComponents_SubtractsDeductions_FlooredAtZero()
    {
        Assert.Equal(45m, ScoreRules.Total(new[] { (30m, 30m), (25m, 20m) }, 5));   // 25 capped to 20
        Assert.Equal(0m, ScoreRules.Total(new[] { (3m, 30m) }, 10));
    }

    [Theory]
    [InlineData(120, "优秀")]
    [InlineData(119.99, "良好")]
    [InlineData(105, "良好")]
    [InlineData(90, "合格")]
    [InlineData(89.5, "不合格")]
    public void Grade_ByThresholds(decimal total, string grade) =>
        Assert.Equal(grade, Grades.ByThreshold(total, 120, 105, 90));

    [Fact]
    public void Grade_ByQuota_TieAcrossTheCutoff_IsFlaggedForTheOffice()
    {
        // 10 units, 20% 优秀 = 2 places, but ranks 2 and 2 and 2 tie across the cut-off.
        var ranked = new List<(decimal, int)> { (140, 1), (130, 2), (130, 2), (130, 2), (120, 5), (110, 6), (100, 7), (95, 8), (92, 9), (80, 10) };
        var grades = Grades.ByQuota(ranked, 20, 30, 90);
        Assert.Equal(new[] { "优秀", "优秀", "优秀", "优秀", "良好", "合格", "合格", "合格", "合格", "不合格" }, grades.Select(g => g.Grade));
        Assert.False(grades[0].TieAtCutoff);
        Assert.True(grades[1].TieAtCutoff && grades[2].TieAtCutoff && grades[3].TieAtCutoff);
    }

    [Fact]
    public void Awards_TopByQuota_TiedAtTheCutoff_AreAllListedAndFlagged()
    {
        var units = new[] { (1, "甲", 90m), (2, "乙", 85m), (3, "丙", 85m), (4, "丁", 70m), (5, "戊", 0m) };
        var two = Awards.Top(units, 2);
        Assert.Equal(new[] { 1, 2, 3 }, two.Select(c => c.UnitId).Order());
        Assert.Equal(new[] { false, true, true }, two.OrderBy(c => c.UnitId).Select(c => c.TieAtCutoff));
        var one = Awards.Top(units, 1);
        Assert.Single(one);
        Assert.False(one[0].TieAtCutoff);
        Assert.Empty(Awards.Top(units, 0));
    }

    [Fact]
    public void Round_Lock_MakesScoresReadOnly_AndUnlockNeedsAReason()
    {
        var round = Round();
        var component = round.Components[0];
        round.Lock("demo.staff", Now, "{}");
        Assert.True(round.IsLocked);
        var ex = Assert.Throws<RuleException>(() => EvaluationScore.Enter(round, component, 1, 10, null, "demo.staff", Now));
        Assert.Contains("已锁定", ex.Message);
        Assert.Throws<RuleException>(() => round.Lock("demo.staff", Now, "{}"));
        Assert.Contains("理由", Assert.Throws<RuleException>(() => round.Unlock("demo.staff", "  ")).Message);
        round.Unlock("demo.staff", "复核发现录入错误");
        Assert.False(round.IsLocked);
        Assert.Null(round.PublishedJson);
        Assert.Throws<RuleException>(() => round.Unlock("demo.staff", "再次解锁理由"));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(-1)]
    [InlineData(1.234)]
    public void EnteredScore_OutsideZeroToMax_IsRefusedInChinese(decimal value)
    {
        var round = Round();
        var ex = Assert.Throws<RuleException>(() => EvaluationScore.Enter(round, round.Components[0], 1, value, null, "demo.staff", Now));
        Assert.Matches("[\u4e00-\u9fff]", ex.Message);
    }

    [Fact]
    public void ComputedComponent_CannotBeEntered()
    {
        var round = Round();
        Assert.Throws<RuleException>(() => EvaluationScore.Enter(round, round.Components[1], 1, 5, null, "demo.staff", Now));
    }

    [Fact]
    public void Calculator_Totals_Ranks_WithTies_Grades_AndCandidates()
    {
        var round = Round();
        round.SetQuota(UnitKind.CountyOffice, 1);
        var units = new List<UnitInfo> { new(1, "甲县", UnitKind.CountyOffice, 1), new(2, "乙县", UnitKind.CountyOffice, 2), new(3, "丙县", UnitKind.CountyOffice, 3), new(4, "丁局", UnitKind.CityDepartment, 4) };
        var self = round.Components[0].Id; // ids are 0 for unsaved components: use the position instead
        var entered = new Dictionary<(int, int), EnteredValue>
        {
            [(self, 1)] = new(30, null), [(self, 2)] = new(20, null), [(self, 3)] = new(20, null), [(self, 4)] = new(10, null),
        };
        var info = new Dictionary<int, decimal> { [1] = 60, [2] = 30, [3] = 30, [4] = 0 };
        var modules = new ModuleFigures(info, new Dictionary<int, (decimal?, decimal?)>());
        var deductions = new Dictionary<int, List<(decimal, string)>> { [4] = new() { (20m, "扣分") } };
        var r = EvaluationCalculator.Compute(round, units, 5, entered, new Dictionary<int, int>(), deductions, modules,
            new Dictionary<int, int?> { [1] = 2, [2] = 1 }, Now);
        Assert.Equal(new[] { 50m, 30m, 30m, 0m }, r.Rows.Select(x => x.Total));       // 30+20, 20+10, 20+10, max(0, 10+0−20)
        Assert.Equal(new[] { "1", "并列2", "并列2", "4" }, r.Rows.Select(x => x.RankText));
        Assert.Equal("↑1", r.Rows[0].ChangeText);
        Assert.Equal(new[] { "优秀", "合格", "合格", "不合格" }, r.Rows.Select(x => x.Grade));
        Assert.Equal("4 / 5（80.0%）", r.ParticipationText);
        Assert.Equal(new[] { "甲县" }, r.Collective.Single().Candidates.Select(c => c.UnitName));
    }

    [Fact]
    public void Participation_24Of26_Is92Point3Percent()
    {
        var r = new RoundResults(1, "x", default, default, 150, new(), new(), 26, 24, new(), new(), Now, false);
        Assert.Equal("24 / 26（92.3%）", r.ParticipationText);
    }

    private static EvaluationRound Round()
    {
        var round = EvaluationRound.Create("2026年度考评", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, Now);
        round.SetGrades(GradeMethod.Thresholds, 45, 35, 25, 20, 30);
        round.AddComponent("自评材料", "自评材料", 30, FillMethod.Entered);
        round.AddComponent("单项工作", "信息", 20, FillMethod.InformationPoints, awardCount: 1);
        return round;
    }
}
