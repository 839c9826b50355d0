using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;

namespace Portal.Tests.Search;

public class SmartCnAnalyzerTests
{
    private static readonly SmartCnLuceneAnalyzer Analyzer = new(new TextAnalysis(ChineseAnalyzer.Default));

    private static List<(string Term, int Start, int End)> Tokens(string text, string field = "body")
    {
        var list = new List<(string, int, int)>();
        using var stream = Analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) list.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return list;
    }

    [Fact]
    public void TraditionalText_GivesTheSimplifiedTokens_OfTheSimplifiedText()
    {
        var traditional = Tokens("關於開展安全生產大檢查的通知，請各單位認真組織實施。").Select(t => t.Term).ToList();
        var simplified = Tokens("关于开展安全生产大检查的通知，请各单位认真组织实施。").Select(t => t.Term).ToList();
        Assert.Equal(simplified, traditional);
        Assert.Contains("安全", traditional);
        Assert.Contains("通知", traditional);
        Assert.DoesNotContain(traditional, t => t.Contains('檢') || t.Contains('關') || t.Contains('產'));
    }

    [Fact]
    public void Offsets_PointIntoTheOriginalTraditionalText()
    {
        const string text = "各單位要做好督查督辦工作，營商環境持續優化。";
        var tokens = Tokens(text);
        Assert.NotEmpty(tokens);
        foreach (var (term, start, end) in tokens)
        {
            var original = text[start..end];
            Assert.Equal(term, ChineseAnalyzer.Default.Normalize(original));
        }
        var environment = Assert.Single(tokens, t => t.Term == "环境");
        Assert.Equal("環境", text[environment.Start..environment.End]);
    }

    [Fact]
    public void FullWidthDigitsAndLatin_AreFolded_WithOffsetsOnTheOriginal()
    {
        const string text = "市政府辦公室〔２０２４〕５號文件，ＡＢＣ系統。";
        var tokens = Tokens(text);
        var year = Assert.Single(tokens, t => t.Term == "2024");
        Assert.Equal("２０２４", text[year.Start..year.End]);
        var latin = Assert.Single(tokens, t => t.Term == "abc");
        Assert.Equal("ＡＢＣ", text[latin.Start..latin.End]);
    }

    [Fact]
    public void LengthChangingFold_KeepsOffsetsOnTheOriginal()
    {
        // 㗲 and 㜢 fold to supplementary-plane characters (one UTF-16 unit becomes two): every later folded offset
        // is shifted, and only the map brings it back onto the original.
        const string text = "㗲㜢營商環境，督查督辦。";
        Assert.NotEqual(text.Length, ChineseAnalyzer.Default.Normalize(text).Length);
        var tokens = Tokens(text);
        var environment = Assert.Single(tokens, t => t.Term == "环境");
        Assert.Equal("環境", text[environment.Start..environment.End]);
        Assert.All(tokens, t => Assert.InRange(t.End, t.Start + 1, text.Length));
    }

    [Fact]
    public void TheAnalyzerIsReusable_AcrossDocumentsAndFields()
    {
        var first = Tokens("督查督辦", "title");
        var second = Tokens("督查督辦", "body");
        Assert.Equal(first, second);
        Assert.Equal(first, Tokens("督查督辦", "title"));
    }

    [Fact]
    public void BigramFields_KeepOurCharacterBigrams()
    {
        Assert.Equal(["督查", "查督", "督办"], Tokens("督查督辦", "body_bg").Select(t => t.Term));
    }

    [Fact]
    public void EngineWithSmartCn_FindsTraditionalDocuments_BySimplifiedQueries()
    {
        var path = Path.Combine(Path.GetTempPath(), "smartcn-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var engine = new LuceneSearchEngine(new SearchEngineOptions { IndexPath = path, Analyzer = "SmartCn" },
                new TextAnalysis(ChineseAnalyzer.Default));
            engine.Apply(
            [
                new IndexDocument(new IndexKey("document", 1), "濱江區督查督辦任務完成情況通報", "區督查室已下發催辦通知，營商環境持續優化。", "通报", null, null, null),
                new IndexDocument(new IndexKey("document", 2), "关于做好防汛工作的通知", "各地要落实防汛责任制。", "通知", null, null, null),
            ], [], 2);
            var hits = engine.Search(new SearchRequest(QueryParser.Parse("营商环境"), SearchAccess.PublicOnly)).Hits;
            Assert.Equal(1, Assert.Single(hits).Id);
            Assert.Equal(2, Assert.Single(engine.Search(new SearchRequest(QueryParser.Parse("防汛"), SearchAccess.PublicOnly)).Hits).Id);
        }
        finally
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }
}
