using Portal.Infrastructure;
using Portal.Pages.Submissions;
using Portal.Statistics;

namespace Portal.Tests.Submissions;

/// <summary>Pure rules: points, rates, ranking with ties, and the entity's own guards.</summary>
public class SubmissionRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly ScoringPoints Rule = new(1m, 5m, 10m, 3m, new Dictionary<SubmissionCategory, decimal> { [SubmissionCategory.Emergency] = 1.5m });

    private static Submission Item(DateOnly? on = null, SubmissionCategory category = SubmissionCategory.Dynamic) =>
        new(1, "城关区推进老旧小区改造", "正文", category, on ?? new DateOnly(2026, 3, 2), "demo.liaison", Now);

    [Fact]
    public void Points_SumLevels_PlusInstructions_PlusCategoryBonusOnce()
    {
        Assert.Equal(1m + 5m + 2 * 3m + 1.5m,
            ScoringCalculator.PointsFor(new[] { AdoptionLevel.City, AdoptionLevel.Province }, 2, SubmissionCategory.Emergency, Rule));
        Assert.Equal(10m, ScoringCalculator.PointsFor(new[] { AdoptionLevel.National, AdoptionLevel.National }, 0, SubmissionCategory.Dynamic, Rule));
    }

    [Fact]
    public void Points_NotAdopted_IsZero_EvenWithABonusCategory()
    {
        Assert.Equal(0m, ScoringCalculator.PointsFor(Array.Empty<AdoptionLevel>(), 0, SubmissionCategory.Emergency, Rule));
        var s = Item(category: SubmissionCategory.Emergency);
        Assert.Equal(0m, ScoringCalculator.PointsFor(s, Rule));
    }

    [Fact]
    public void Points_AreRoundedHalfAwayFromZero()
    {
        var rule = new ScoringPoints(0.125m, 0m, 0m, 0m, new Dictionary<SubmissionCategory, decimal>());
        Assert.Equal(0.13m, ScoringCalculator.PointsFor(new[] { AdoptionLevel.City }, 0, SubmissionCategory.Dynamic, rule));
    }

    [Fact]
    public void Rule_Refuses_NegativeOrTooPreciseValues()
    {
        Assert.Throws<RuleException>(() => (Rule with { City = -1m }).Validate());
        Assert.Throws<RuleException>(() => (Rule with { Province = 1.234m }).Validate());
    }

    [Fact]
    public void Adopt_LocksItem_ForLiaison()
    {
        var s = Item();
        s.Adopt(AdoptionLevel.City, new DateOnly(2026, 3, 5), "《政务信息》2026年第9期", "demo.staff", Now);
        Assert.Equal(SubmissionStatus.Adopted, s.Status);
        Assert.True(s.IsLockedForLiaison);
        var ex = Assert.Throws<RuleException>(() => s.Edit("新标题", "", SubmissionCategory.Dynamic, s.SubmittedOn, Now));
        Assert.Contains("已采用", ex.Message);
        Assert.Equal("城关区推进老旧小区改造", s.Title);
    }

    [Fact]
    public void Adopt_AtSeveralLevels_OncePerLevel_NotBeforeSubmission()
    {
        var s = Item();
        s.Adopt(AdoptionLevel.City, new DateOnly(2026, 3, 5), null, "staff", Now);
        s.Adopt(AdoptionLevel.Province, new DateOnly(2026, 3, 9), null, "staff", Now);
        Assert.Equal(2, s.Adoptions.Count);
        Assert.Throws<RuleException>(() => s.Adopt(AdoptionLevel.City, new DateOnly(2026, 3, 10), null, "staff", Now));
        Assert.Throws<RuleException>(() => s.Adopt(AdoptionLevel.National, new DateOnly(2026, 3, 1), null, "staff", Now));
    }

    [Fact]
    public void Return_NeedsAComment_AndEditingPutsItBackInTheQueue()
    {
        var s = Item();
        Assert.Throws<RuleException>(() => s.Return(" ", "staff", Now));
        s.Return("请补充数据", "staff", Now);
        Assert.Equal(SubmissionStatus.Returned, s.Status);
        Assert.Throws<RuleException>(() => s.Adopt(AdoptionLevel.City, new DateOnly(2026, 3, 5), null, "staff", Now));
        s.Edit("补充后的标题", "正文", SubmissionCategory.Economy, s.SubmittedOn, Now);
        Assert.Equal(SubmissionStatus.Submitted, s.Status);
    }

    [Fact]
    public void Instruction_OnlyOnAdoptedItems_AndRevokingLastAdoptionNeedsItRemovedFirst()
    {
        var s = Item();
        Assert.Throws<RuleException>(() => s.AddInstruction("市长", new DateOnly(2026, 3, 6), null, "staff", Now));
        s.Adopt(AdoptionLevel.City, new DateOnly(2026, 3, 5), null, "staff", Now);
        s.AddInstruction("市长", new DateOnly(2026, 3, 6), "抓好落实", "staff", Now);
        Assert.Throws<RuleException>(() => s.RevokeAdoption(AdoptionLevel.City, Now));
        Assert.Single(s.Adoptions);
        Assert.Equal(1m + 3m, ScoringCalculator.PointsFor(s, Rule));
    }

    // ---- statistics ----

    private static readonly UnitRef A = new(1, "甲单位", 10), B = new(2, "乙单位", 20), C = new(3, "丙单位", 30), D = new(4, "丁单位", 40), E = new(5, "戊单位", 50);

    private static ItemFact Fact(UnitRef u, int month, decimal points, params AdoptionLevel[] levels) =>
        new(u.Id, new DateOnly(2026, month, 10), levels, 0, points);

    [Fact]
    public void Ranking_TiesShareARank_AndTheNextIsSkipped_UnitsWithNothingSubmittedShareTheLast()
    {
        var facts = new[]
        {
            Fact(A, 3, 10m, AdoptionLevel.City), Fact(B, 3, 6m, AdoptionLevel.City), Fact(C, 3, 6m, AdoptionLevel.City),
            Fact(D, 3, 0m),
        };
        var rows = SubmissionStatistics.Ranking(new[] { A, B, C, D, E }, facts, Period.Month(2026, 3));
        Assert.Equal(new[] { "1", "并列2", "并列2", "并列4", "并列4" }, rows.Select(r => r.RankText));
        Assert.Equal(new[] { A.Id, B.Id, C.Id, D.Id, E.Id }, rows.Select(r => r.Figures.Unit.Id));
        var e = rows.Single(r => r.Figures.Unit == E).Figures;
        Assert.Equal(0, e.Submitted);
        Assert.Null(e.AdoptionRate);
        Assert.Equal("—", e.AdoptionRateText);
        Assert.Equal("0.0%", rows.Single(r => r.Figures.Unit == D).Figures.AdoptionRateText);
    }

    [Fact]
    public void AdoptionRate_CountsItemsNotLevels_AndRoundsHalfAwayFromZero()
    {
        // 1 adopted of 16 = 6.25% → 6.3% (banker's rounding would give 6.2%).
        var facts = new List<ItemFact> { Fact(A, 3, 6m, AdoptionLevel.City, AdoptionLevel.Province) };
        for (var i = 0; i < 15; i++) facts.Add(Fact(A, 3, 0m));
        var f = SubmissionStatistics.Figures(new[] { A }, facts, Period.Month(2026, 3)).Single();
        Assert.Equal(16, f.Submitted);
        Assert.Equal(1, f.Adopted);
        Assert.Equal(1, f.ByLevel[AdoptionLevel.City]);
        Assert.Equal(1, f.ByLevel[AdoptionLevel.Province]);
        Assert.Equal("6.3%", f.AdoptionRateText);
    }

    [Fact]
    public void Ranking_ShowsChangeAgainstThePreviousPeriod()
    {
        var facts = new[]
        {
            Fact(A, 2, 10m, AdoptionLevel.City), Fact(B, 2, 5m, AdoptionLevel.City),
            Fact(A, 3, 1m, AdoptionLevel.City), Fact(B, 3, 5m, AdoptionLevel.City),
        };
        var rows = SubmissionStatistics.Ranking(new[] { A, B, C }, facts, Period.Month(2026, 3));
        var b = rows.Single(r => r.Figures.Unit == B);
        var a = rows.Single(r => r.Figures.Unit == A);
        var c = rows.Single(r => r.Figures.Unit == C);
        Assert.Equal((2, 1, "↑1"), (b.PreviousRank!.Value, b.Rank!.Value, b.ChangeText));
        Assert.Equal((1, 2, "↓1"), (a.PreviousRank!.Value, a.Rank!.Value, a.ChangeText));
        Assert.Equal("—", c.ChangeText); // last both times
    }

    [Fact]
    public void Figures_OnlyCountItemsSubmittedInThePeriod()
    {
        var facts = new[] { Fact(A, 2, 10m, AdoptionLevel.City), Fact(A, 3, 1m, AdoptionLevel.City), Fact(A, 4, 2m) };
        var q1 = SubmissionStatistics.Figures(new[] { A }, facts, Period.Quarter(2026, 1)).Single();
        Assert.Equal((2, 11m), (q1.Submitted, q1.Points));
        var monthly = SubmissionStatistics.Monthly(facts, Period.Quarter(2026, 1));
        Assert.Equal(new[] { "2026年1月", "2026年2月", "2026年3月" }, monthly.Months);
        Assert.Equal(new[] { 0, 1, 1 }, monthly.Submitted);
    }
}
