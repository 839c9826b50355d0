using Portal.Data;
using Portal.Pages.Evaluation;

namespace Portal.Tests.Evaluation;

/// <summary>Peer recommendations (推荐意见): who may recommend whom, how they are counted and turned into points.</summary>
public class RecommendationRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc);
    private static readonly HashSet<int> Round = new() { 1, 2, 3, 4, 5 };        // the round's units (5 is eligible but not taking part)
    private static readonly HashSet<int> Taking = new() { 1, 2, 3, 4 };
    private static string Name(int id) => $"单位{id}";

    [Fact]
    public void Validate_AcceptsPeersWithinTheLimit_EvenFromAUnitNotTakingPart()
    {
        Assert.Empty(RecommendationRules.Validate(1, new[] { 2, 3 }, Round, Taking, 2, Name));
        Assert.Empty(RecommendationRules.Validate(5, new[] { 1, 2, 3, 4 }, Round, Taking, null, Name));
        Assert.Empty(RecommendationRules.Validate(1, Array.Empty<int>(), Round, Taking, 2, Name));
    }

    [Fact]
    public void Validate_UnitCannotRecommendItself()
    {
        var errors = RecommendationRules.Validate(1, new[] { 1, 2 }, Round, Taking, 3, Name);
        Assert.Equal(new[] { "“单位1”不能推荐自己。" }, errors);
    }

    [Fact]
    public void Validate_AtMostTheLimit_CountingEachUnitOnce()
    {
        Assert.Contains("每个单位最多推荐 2 个单位，“单位1”选择了 3 个。", RecommendationRules.Validate(1, new[] { 2, 3, 4 }, Round, Taking, 2, Name));
        Assert.Empty(RecommendationRules.Validate(1, new[] { 2, 2, 3 }, Round, Taking, 2, Name));
    }

    [Fact]
    public void Validate_OnlyParticipantsCanBeRecommended_AndOnlyTheRoundsUnitsRecommend()
    {
        Assert.Contains("“单位5”不是本轮参评单位，不能被推荐。", RecommendationRules.Validate(1, new[] { 5 }, Round, Taking, null, Name));
        Assert.Equal(new[] { "推荐单位不在本轮考评范围内。" }, RecommendationRules.Validate(9, new[] { 1 }, Round, Taking, null, Name));
    }

    [Fact]
    public void Received_CountsEachRecommenderOnce_IgnoringSelfOutsidersAndNonParticipants()
    {
        var recs = new[] { (1, 2), (1, 2), (3, 2), (5, 2), (2, 2), (9, 2), (1, 5), (2, 1) };
        var received = RecommendationRules.Received(recs, Round, Taking);
        Assert.Equal(3, received[2]);            // from 1, 3 and 5 (1 twice counts once; 2 itself and 9 do not count)
        Assert.Equal(1, received[1]);
        Assert.False(received.ContainsKey(5));   // 5 does not take part
    }

    [Fact]
    public void RecommendationComponent_ScalesVotesToTheMostAnyUnitReceived()
    {
        var round = EvaluationRound.Create("2026年度考评", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, Now);
        round.SetGrades(GradeMethod.Thresholds, 25, 15, 5, 20, 40);
        round.AddComponent("推荐意见", "推荐意见", 30, FillMethod.Recommendations);
        var units = new List<UnitInfo> { new(1, "甲", UnitKind.CountyOffice, 1), new(2, "乙", UnitKind.CountyOffice, 2), new(3, "丙", UnitKind.CountyOffice, 3) };
        var received = RecommendationRules.Received(new[] { (2, 1), (3, 1), (4, 1), (1, 2), (3, 2), (1, 1) }, new HashSet<int> { 1, 2, 3, 4 }, new HashSet<int> { 1, 2, 3 });
        var r = EvaluationCalculator.Compute(round, units, 3, new Dictionary<(int, int), EnteredValue>(), received,
            new Dictionary<int, List<(decimal, string)>>(), new ModuleFigures(new Dictionary<int, decimal>(), new Dictionary<int, (decimal?, decimal?)>()),
            new Dictionary<int, int?>(), Now);
        Assert.Equal(new[] { 30m, 20m, 0m }, r.Rows.Select(x => x.Total));   // 3 votes = full marks, 2 of 3 = 20, none = 0
        Assert.Equal(new[] { "甲", "乙", "丙" }, r.Rows.Select(x => x.UnitName));
        Assert.Contains("获推荐 2 票", r.Rows[1].Scores.Single().Detail);
    }
}
