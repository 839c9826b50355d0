using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

namespace Portal.Tests.Search;

public class HighlighterTests
{
    private static readonly Highlighter H = new(new TextAnalysis(ChineseAnalyzer.Default));

    private static HighlightTerms Terms(string q) => H.TermsOf(QueryParser.Parse(q));

    private static List<string> Marked(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<mark>(.*?)</mark>").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData("督办")]
    [InlineData("梅尧臣")]
    [InlineData("春风 政府")]
    [InlineData("\"政务信息工作\"")]
    [InlineData("会议 a1 办")]
    public void WordsFoundByTheirBigramRun_NeedNoSegmentation_SameMarks(string q)
    {
        var terms = Terms(q);
        // Every word, as before: the text segmented for all of them.
        var analysis = new TextAnalysis(ChineseAnalyzer.Default);
        var all = new HighlightTerms(QueryParser.Parse(q).PositiveTerms.SelectMany(t => analysis.Words(t.Text)).ToHashSet(), terms.Sequences);
        foreach (var text in new[]
                 {
                     "督辦室要列席政府常務會議，對領導批示件實行台賬管理。督办督办，监督办法。",
                     "梅堯臣詩：春風又綠江南岸。梅尧臣与梅尧相遇，尧臣。",
                     "要坚持有情况、有分析。政务信息工作要及时。会议 a1 办理 a12 办。信息化工作，政务公开。",
                 })
            Assert.Equal(H.Find(text, all), H.Find(text, terms));
    }

    [Fact]
    public void TwoCharacterWord_IsFoundByItsBigram()
    {
        Assert.True(TextAnalysis.IsSpelledBy("督办", ["督办"]));
        Assert.True(TextAnalysis.IsSpelledBy("梅尧臣", ["梅尧", "尧臣"]));
        Assert.False(TextAnalysis.IsSpelledBy("梅尧臣", ["梅尧"]));
        Assert.False(TextAnalysis.IsSpelledBy("办", ["办"]));
        Assert.False(TextAnalysis.IsSpelledBy("a1", ["a1"]));
        Assert.Empty(Terms("督办").Words);
    }

    [Fact]
    public void SimplifiedQuery_MarksTraditionalOriginal()
    {
        var html = H.Snippet("督辦室要列席政府常務會議，對領導批示件實行台賬管理。", Terms("督办"));
        Assert.Contains("督辦", Marked(html));
    }

    [Fact]
    public void Phrase_MarksTheWholeSequence()
    {
        var html = H.Snippet("要坚持有情况、有分析。政务信息工作要及时。", Terms("\"政务信息工作\""));
        Assert.Contains("政务信息工作", Marked(html));
    }

    [Fact]
    public void Output_IsHtmlEncoded_OnlyMarksAreMarkup()
    {
        var html = H.Snippet("<script>alert('督办')</script> & \"督办\"", Terms("督办"));
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("&amp;", html);
        Assert.Contains("&quot;", html);
        Assert.Equal(2, Marked(html).Count);
    }

    [Fact]
    public void Snippet_IsCutWhereMatchesCluster()
    {
        var filler = string.Concat(Enumerable.Repeat("今天天气很好大家都很开心。", 40));
        var text = "督办一次。" + filler + "这里集中讲督办工作和政务信息，督办事项要件件有着落。" + filler;
        var html = H.Snippet(text, Terms("督办 政务信息"), width: 60, passages: 1);
        Assert.Contains("政务信息", string.Concat(Marked(html)));
        Assert.StartsWith("…", html);
    }

    [Fact]
    public void NoMatch_GivesTheBeginning()
    {
        var html = H.Snippet("第一段内容。第二段内容。", Terms("督办"));
        Assert.StartsWith("第一段", html);
        Assert.Empty(Marked(html));
    }

    [Fact]
    public void MarkParagraphs_KeepsLines_AndMarks()
    {
        var paragraphs = H.MarkParagraphs("  第一段讲督办。\n\n第二段<b>没有</b>。\n", Terms("督办"));
        Assert.Equal(2, paragraphs.Count);
        Assert.Contains("<mark>督办</mark>", paragraphs[0]);
        Assert.Contains("&lt;b&gt;", paragraphs[1]);
    }

    [Fact]
    public void Emoji_AndSurrogates_AreNotSplit()
    {
        var html = H.Snippet("😀督办😀", Terms("督办"), width: 3, passages: 1);
        Assert.DoesNotContain('\uFFFD', html);
        foreach (var (c, i) in html.Select((c, i) => (c, i)))
            if (char.IsHighSurrogate(c)) Assert.True(i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]));
    }

    [Fact]
    public void LongText_MatchesFarDown_AreStillFoundAndMarked()
    {
        var filler = string.Concat(Enumerable.Repeat("各地区各部门要认真贯彻会议精神，切实抓好各项工作落实。", 20)) + "\n";
        var text = string.Concat(Enumerable.Repeat(filler, 30)) + "第三十一段：督辦室要列席政府常務會議。\n" + filler;
        Assert.True(text.Length > 10_000);
        var ranges = H.FindEarly(text, Terms("督办"), enough: 8);
        Assert.Equal(H.Find(text, Terms("督办")), ranges);
        Assert.Contains("督辦", Marked(H.Snippet(text, Terms("督办"))));
    }

    [Fact]
    public void LongText_StopsAfterEnoughMatches_InTheFirstBlocks()
    {
        var paragraph = "督办工作要抓紧。" + string.Concat(Enumerable.Repeat("各单位认真落实。", 60)) + "\n";
        var text = string.Concat(Enumerable.Repeat(paragraph, 200));
        var all = H.Find(text, Terms("督办"));
        var early = H.FindEarly(text, Terms("督办"), enough: 8);
        Assert.Equal(200, all.Count);
        Assert.InRange(early.Count, 8, 20);
        Assert.Equal(all.Take(early.Count), early);
    }
}
