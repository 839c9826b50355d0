using Portal.Indexing.Search;

namespace Portal.Tests.Search;

public class QueryParserTests
{
    private static string Canon(string q) => QueryParser.Parse(q).ToString();

    [Theory]
    [InlineData("督办 政务信息", "督办 政务信息")]
    [InlineData("  督办\u3000\t政务信息  ", "督办 政务信息")]
    [InlineData("\"政务信息工作\"", "\"政务信息工作\"")]
    [InlineData("“政务信息 工作”", "\"政务信息 工作\"")]
    [InlineData("「督办」", "\"督办\"")]
    [InlineData("通知 OR 通报", "通知 OR 通报")]
    [InlineData("通知 | 通报 OR 批复 督办", "通知 OR 通报 OR 批复 督办")]
    [InlineData("督办 -值班", "督办 -值班")]
    [InlineData("督办 －值班", "督办 -值班")]
    [InlineData("督办 -\"值班 安排\"", "督办 -\"值班 安排\"")]
    [InlineData("督办 类型:讲话", "督办 类型:讲话")]
    [InlineData("督办 类型：讲话", "督办 类型:讲话")]
    [InlineData("单位:城关区 年份:2024", "单位:城关区 年份:2024")]
    [InlineData("年份:２０２４年", "年份:2024")]
    [InlineData("標題:督办", "標題:督办")]
    [InlineData("or and not", "or and not")]
    public void Forms(string input, string canonical) => Assert.Equal(canonical, Canon(input));

    [Fact]
    public void Words_AreRequired_OrGroupsAlternatives()
    {
        var q = QueryParser.Parse("督办 通知 OR 通报");
        Assert.Equal(2, q.Required.Count);
        Assert.Single(q.Required[0].Alternatives);
        Assert.Equal(["通知", "通报"], q.Required[1].Alternatives.Select(t => t.Text));
    }

    [Fact]
    public void Filters_AreParsed()
    {
        var q = QueryParser.Parse("类型:讲话 单位:城关区 年份:2024 督办");
        Assert.Equal(["讲话"], q.Types);
        Assert.Equal(["城关区"], q.Units);
        Assert.Equal([2024], q.Years);
        Assert.True(q.HasFilters);
    }

    [Theory]
    [InlineData("\"督办", "督办", "引号")]
    [InlineData("督办 \"政务 信息", "政务 信息", "引号")]
    public void UnbalancedQuote_TakesTheRestAsAPhrase(string input, string phrase, string notice)
    {
        var q = QueryParser.Parse(input);
        Assert.Contains(q.PositiveTerms, t => t.IsPhrase && t.Text == phrase);
        Assert.Contains(q.Notices, n => n.Contains(notice));
    }

    [Theory]
    [InlineData("OR")]
    [InlineData("OR 督办")]
    [InlineData("督办 OR")]
    [InlineData("督办 OR OR 通知")]
    [InlineData("-")]
    [InlineData("督办 -")]
    [InlineData("\"\"")]
    public void LoneOperators_AreIgnored_WithANotice(string input)
    {
        var q = QueryParser.Parse(input);
        Assert.Contains(q.Notices, n => n.Contains("已忽略"));
        Assert.All(q.PositiveTerms, t => Assert.NotEqual("OR", t.Text));
    }

    [Theory]
    [InlineData("类型:")]
    [InlineData("年份:abc")]
    [InlineData("年份:99")]
    public void BadFilters_AreIgnored_WithANotice(string input)
    {
        var q = QueryParser.Parse(input);
        Assert.False(q.HasFilters);
        Assert.NotEmpty(q.Notices);
    }

    [Fact]
    public void ControlCharacters_AndBrokenSurrogates_AreDropped()
    {
        var q = QueryParser.Parse("\u0000督办\u0007\ud800 政务\u200b信息");
        Assert.Equal("督办 政务 信息", q.ToString());
    }

    [Fact]
    public void LongQuery_IsCut_WithANotice()
    {
        var q = QueryParser.Parse(new string('督', 10_000));
        Assert.Contains(q.Notices, n => n.Contains("过长"));
        Assert.True(q.ToString().Length <= QueryParser.MaxLength);
    }

    [Fact]
    public void ManyTerms_AreCapped()
    {
        var q = QueryParser.Parse(string.Join(' ', Enumerable.Range(0, 100).Select(i => "词" + i)));
        Assert.Equal(QueryParser.MaxTerms, q.Required.Count);
        Assert.Contains(q.Notices, n => n.Contains("过多"));
    }

    [Fact]
    public void Fts5Syntax_IsJustText()
    {
        var q = QueryParser.Parse("NEAR(督办 信息) title:x ^督办 督办* {title}:y");
        Assert.Equal(["NEAR(督办", "信息)", "title:x", "^督办", "督办*", "{title}:y"], q.PositiveTerms.Select(t => t.Text));
    }

    [Fact]
    public void Loosened_DropsFiltersAndExclusions_AndOrsTheWords()
    {
        var q = QueryParser.Parse("\"督办 工作\" 值班 -通知 类型:讲话");
        Assert.Equal("督办 工作 OR 值班", q.Loosened()!.ToString());
        Assert.Null(QueryParser.Parse("督办").Loosened());
    }

    [Fact]
    public void Null_IsEmpty() => Assert.True(QueryParser.Parse(null).IsEmpty);
}
