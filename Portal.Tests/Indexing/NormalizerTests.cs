using Portal.Indexing.Analysis;

namespace Portal.Tests.Indexing;

public class NormalizerTests
{
    private static string N(string s) => ChineseAnalyzer.Default.Normalize(s);

    [Fact]
    public void FullWidthAscii_BecomesHalfWidth() =>
        Assert.Equal("abc123,.;:!?%", N("ＡＢＣ１２３，．；：！？％"));

    [Fact]
    public void IdeographicAndNoBreakSpaces_BecomeAsciiSpaces() => Assert.Equal("a b c", N("a\u3000b\u00A0c"));

    [Fact]
    public void Latin_IsLowerCased() => Assert.Equal("gov.cn x政办发 écolé", N("GOV.CN X政办发 ÉCOLÉ"));

    [Theory]
    [InlineData("X政办发〔2024〕41号")]
    [InlineData("X政办发[2024]41号")]
    [InlineData("X政办发（2024）41号")]
    [InlineData("X政办发(2024)41号")]
    [InlineData("X政办发【2024】41号")]
    [InlineData("X政办发［2024］41号")]
    [InlineData("Ｘ政辦發〔２０２４〕４１號")]
    public void DocumentNumberBrackets_FoldToOneForm(string input) => Assert.Equal("x政办发(2024)41号", N(input));

    [Fact]
    public void CompatibilityIdeographs_FoldToUnified() =>
        Assert.Equal("岂更兀", N("\uF900\uF901\uFA0C")); // 豈 (U+F900) → 豈 (U+8C48) → 岂 (T→S)

    [Theory]
    [InlineData("政府辦公室主任座談講話", "政府办公室主任座谈讲话")]
    [InlineData("督促檢查", "督促检查")]
    [InlineData("縣區", "县区")]
    [InlineData("為民辦實事", "为民办实事")]
    [InlineData("一目瞭然", "一目了然")]   // OpenCC phrase table
    public void Traditional_FoldsToSimplified(string input, string expected) => Assert.Equal(expected, N(input));

    [Fact]
    public void Simplified_IsUnchanged()
    {
        const string s = "在全市政府系统办公室工作会议上的讲话";
        Assert.Equal(s, N(s));
    }

    [Fact]
    public void LengthChangingFold_KeepsOffsetsIntoTheOriginal()
    {
        // U+2F800 (a supplementary compatibility ideograph, 2 UTF-16 units) → 丽 (1 unit);
        // 㗲 (1 unit) → 𠵾 (2 units, OpenCC). The tokens after them must still point at the right original text.
        const string text = "\U0002F800水檢測報告㗲督查督辦";
        Assert.Equal("丽水检测报告\U00020D7E督查督办", N(text));
        var analyzer = ChineseAnalyzer.Default;
        foreach (var t in analyzer.Search(text).Concat(analyzer.Bigrams(text)))
            Assert.Equal(t.Text, N(text.Substring(t.Start, t.Length)));
        var cut = analyzer.Cut(text);
        Assert.Equal("報告", cut.Single(t => t.Text == "報告").Text);
        Assert.Equal(5, cut.Single(t => t.Text == "報告").Start);
        Assert.Equal(8, cut.Single(t => t.Text == "督查督辦").Start);
    }
}
