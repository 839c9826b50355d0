using Portal.Indexing.Search.Lucene;

namespace Portal.Tests.Search;

/// <summary>Our analyzer inside Lucene: the search stream with positions and offsets into the original, and the bigram field.</summary>
public sealed class LuceneAnalyzerTests
{
    private static List<(string Term, int Position, int Start, int End)> Tokens(string field, string text)
    {
        using var analyzer = new PortalLuceneAnalyzer(LuceneEngineFixture.Analysis);
        return new LuceneQueryBuilder(analyzer, 1, s => s).Tokens(field, text).Select(t => (t.Text, t.Position, t.Start, t.End)).ToList();
    }

    [Fact]
    public void Words_SubWordsShareTheirWordsPosition_OffsetsNeverGoBack()
    {
        var tokens = Tokens(LuceneFields.Body, "推进政府信息公开工作");
        var whole = Assert.Single(tokens, t => t.Term == "政府信息公开");
        Assert.Contains(tokens, t => t.Term == "政府" && t.Position == whole.Position);
        Assert.Contains(tokens, t => t.Term == "公开" && t.Position == whole.Position);
        Assert.Equal(tokens.Select(t => t.Start).Order(), tokens.Select(t => t.Start));
        Assert.Equal(whole.Position + 1, Assert.Single(tokens, t => t.Term == "工作").Position);
    }

    [Fact]
    public void Words_TraditionalAndFullWidth_AreNormalised_OffsetsPointIntoTheOriginal()
    {
        const string text = "督辦室ＡＢＣ";
        var tokens = Tokens(LuceneFields.Body, text);
        var word = Assert.Single(tokens, t => t.Term == "督办");
        Assert.Equal("督辦", text[word.Start..word.End]);
        Assert.Contains(tokens, t => t.Term == "abc");
    }

    [Fact]
    public void Bigrams_OverlapWithConsecutivePositions_PunctuationDropped()
    {
        var tokens = Tokens(LuceneFields.BodyBigram, "督办工作，好");
        Assert.Equal(["督办", "办工", "工作", "好"], tokens.Select(t => t.Term));
        Assert.Equal([0, 1, 2, 3], tokens.Select(t => t.Position));
    }

    [Fact]
    public void SmartCn_IsNamedByTheFactory_PortalIsTheDefault()
    {
        Assert.IsType<PortalLuceneAnalyzer>(LuceneAnalyzers.Create(new() { Analyzer = "Portal" }, LuceneEngineFixture.Analysis));
        Assert.Throws<InvalidOperationException>(() => LuceneAnalyzers.Create(new() { Analyzer = "Jieba" }, LuceneEngineFixture.Analysis));
    }
}
