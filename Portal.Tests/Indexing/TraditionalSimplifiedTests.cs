using Portal.Indexing.Analysis;

namespace Portal.Tests.Indexing;

public class TraditionalSimplifiedTests
{
    [Fact]
    public void TraditionalAndSimplifiedSentences_GiveIdenticalSearchTokens()
    {
        var analyzer = ChineseAnalyzer.Default;
        var pairs = AnalyzerTestData.TraditionalPairs().ToList();
        Assert.True(pairs.Count >= 50);
        var failures = new List<string>();
        foreach (var (traditional, simplified) in pairs)
        {
            Assert.NotEqual(traditional, simplified);
            var t = analyzer.Search(traditional).Select(x => (x.Text, x.Position));
            var s = analyzer.Search(simplified).Select(x => (x.Text, x.Position));
            if (!t.SequenceEqual(s))
                failures.Add($"{traditional} → {analyzer.Normalize(traditional)} ≠ {simplified}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("件件有著落", "件件有着落")]    // 著 survives OpenCC t2s
    [InlineData("一絲不茍", "一丝不苟")]        // 茍 U+830D
    [InlineData("幹部", "干部")]
    [InlineData("關于", "关于")]                // 000's mixed form
    [InlineData("關於", "关于")]
    [InlineData("規范", "规范")]
    [InlineData("乾隆", "乾隆")]                // OpenCC phrase: 乾 kept in a name
    [InlineData("乾燥", "干燥")]
    public void MixedForms_FoldToSimplified(string input, string expected) =>
        Assert.Equal(expected, ChineseAnalyzer.Default.Normalize(input));
}
