using Portal.Statistics;

namespace Portal.Tests.Statistics;

public class CompetitionRankingTests
{
    [Fact]
    public void TiesShareARank_AndTheNextRankIsSkipped()
    {
        var rows = CompetitionRanking.Rank(new[] { ("A", 90m), ("B", 80m), ("C", 80m), ("D", 70m) }, x => x.Item2, x => x.Item1);
        Assert.Equal(new int?[] { 1, 2, 2, 4 }, rows.Select(r => r.Rank));
        Assert.Equal(new[] { "1", "并列2", "并列2", "4" }, rows.Select(r => r.RankText));
    }

    [Fact]
    public void UnitsWithoutAScore_AreListedLast_WithoutRank()
    {
        var rows = CompetitionRanking.Rank(new[] { ("无数据", (decimal?)null), ("B", 10m), ("A", 20m) }, x => x.Item2, x => x.Item1);
        Assert.Equal(new[] { "A", "B", "无数据" }, rows.Select(r => r.Item.Item1));
        Assert.Null(rows[2].Rank);
        Assert.Equal("—", rows[2].RankText);
    }

    [Fact]
    public void AllEqual_AllFirst()
    {
        var rows = CompetitionRanking.Rank(new[] { 5m, 5m, 5m }, x => x);
        Assert.All(rows, r => Assert.Equal(1, r.Rank));
    }

    [Theory]
    [InlineData(5, 2, 3, "↑3")]
    [InlineData(2, 5, -3, "↓3")]
    [InlineData(3, 3, 0, "—")]
    public void RankChange_IsPreviousMinusCurrent(int previous, int current, int expected, string text)
    {
        Assert.Equal(expected, CompetitionRanking.Change(previous, current));
        Assert.Equal(text, CompetitionRanking.ChangeText(CompetitionRanking.Change(previous, current)));
    }

    [Fact]
    public void RankChange_WithoutPreviousRank_IsADash() =>
        Assert.Equal("—", CompetitionRanking.ChangeText(CompetitionRanking.Change(null, 1)));
}

public class RateTests
{
    [Fact]
    public void EmptyDenominator_IsUndefined_ShownAsDash()
    {
        Assert.Null(Rate.Of(0, 0));
        Assert.Equal("—", Rate.Format(Rate.Of(3, 0)));
    }

    [Theory]
    [InlineData(24, 26, 1, "92.3%")]   // 参评率 in the office's own report (domain.md §4.3)
    [InlineData(2, 16, 0, "13%")]      // 12.5% rounds half away from zero, not to 12% (banker's)
    [InlineData(1, 8, 1, "12.5%")]
    [InlineData(1, 3, 1, "33.3%")]
    [InlineData(0, 5, 1, "0.0%")]
    [InlineData(5, 5, 1, "100.0%")]
    public void Percentages_RoundHalfAwayFromZero(int num, int den, int decimals, string expected) =>
        Assert.Equal(expected, Rate.Format(Rate.Of(num, den), decimals));

    [Fact]
    public void Round_IsHalfAwayFromZero() => Assert.Equal(2.13m, Rate.Round(2.125m));
}

public class PeriodTests
{
    [Fact]
    public void Quarter_CoversThreeMonths_AndItsPreviousCrossesTheYear()
    {
        var q1 = Period.Quarter(2025, 1);
        Assert.Equal(new DateOnly(2025, 1, 1), q1.Start);
        Assert.Equal(new DateOnly(2025, 3, 31), q1.End);
        Assert.Equal(Period.Quarter(2024, 4), q1.Previous());
        Assert.Equal("2025年第1季度", q1.Label);
    }

    [Fact]
    public void Month_PreviousOfJanuary_IsDecember() =>
        Assert.Equal(Period.Month(2024, 12), Period.Month(2025, 1).Previous());

    [Fact]
    public void Custom_PreviousHasTheSameLength()
    {
        var p = Period.Custom(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 10));
        var prev = p.Previous();
        Assert.Equal(new DateOnly(2025, 2, 19), prev.Start);
        Assert.Equal(new DateOnly(2025, 2, 28), prev.End);
    }

    [Theory]
    [InlineData("month", 2025, 13, null, null)]
    [InlineData("quarter", 2025, 0, null, null)]
    [InlineData("year", 1800, null, null, null)]
    [InlineData("custom", null, null, "2025-13-01", "2025-01-01")]
    [InlineData("custom", null, null, "2025-02-01", "2025-01-01")]
    [InlineData("weekly", 2025, 1, null, null)]
    public void BadInput_GivesAChineseMessage_NotAnException(string kind, int? year, int? number, string? from, string? to)
    {
        Assert.Null(Period.TryParse(kind, year, number, from, to, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Contains_IsInclusiveOfBothEnds()
    {
        var p = Period.Month(2025, 2);
        Assert.True(p.Contains(new DateOnly(2025, 2, 1)));
        Assert.True(p.Contains(new DateOnly(2025, 2, 28)));
        Assert.False(p.Contains(new DateOnly(2025, 3, 1)));
    }
}
