using Portal.Indexing.Analysis;

namespace Portal.Tests.Indexing;

public class TokenStreamTests
{
    private static readonly ChineseAnalyzer A = ChineseAnalyzer.Default;
    private static string[] Cut(string s, ChineseAnalyzer? a = null) => (a ?? A).Cut(s).Select(t => t.Text).ToArray();
    private static string[] Search(string s, ChineseAnalyzer? a = null) => (a ?? A).Search(s).Select(t => t.Text).ToArray();

    [Fact]
    public void Cut_DropsPunctuationAndSpaces_AndKeepsSurfaceForms()
    {
        var tokens = A.Cut("我們：  今天，開會。");
        Assert.Equal(["我們", "今天", "開會"], tokens.Select(t => t.Text));
        Assert.Equal([0, 1, 2], tokens.Select(t => t.Position));
        Assert.Equal(5, tokens[1].Start);
    }

    [Theory]
    [InlineData("参评率达92.3%", "92.3%")]
    [InlineData("X政办发〔2024〕41号", "41号")]
    [InlineData("2024年全省政府系统", "2024年")]
    [InlineData("20XX年度", "20XX")]
    [InlineData("文章编号:1006-0278", "1006")]
    public void NumbersPercentagesAndUnits_AreSingleTokens(string text, string expected) =>
        Assert.Contains(expected, Cut(text));

    [Fact]
    public void DocumentNumber_GivesIssuerYearAndSerialTokens_WhateverTheBrackets()
    {
        Assert.Equal(["X政办发", "2024", "41号"], Cut("X政办发〔2024〕41号"));
        var expected = Search("X政办发〔2024〕41号");
        Assert.Contains("x政办发", expected);
        Assert.Contains("政办发", expected);
        Assert.Contains("41", expected);
        Assert.Contains("41号", expected);
        foreach (var variant in new[] { "X政办发[2024]41号", "x政办发（2024）41号", "Ｘ政辦發【２０２４】４１號", "X政办发(2024)41号" })
            Assert.Equal(expected, Search(variant));
    }

    [Fact]
    public void Search_AddsDictionaryWordsInsideLongWords_AtTheLongWordsPosition()
    {
        var tokens = A.Search("中华人民共和国政府信息公开条例");
        var texts = tokens.Select(t => t.Text).ToList();
        foreach (var w in new[] { "中华", "人民", "共和国", "中华人民共和国", "政府", "信息公开", "条例" })
            Assert.Contains(w, texts);
        var whole = tokens.Single(t => t.Text == "中华人民共和国");
        Assert.Equal(whole.Position, tokens.Single(t => t.Text == "共和国").Position);
        Assert.True(texts.IndexOf("共和国") < texts.IndexOf("中华人民共和国"));
    }

    [Fact]
    public void Bigrams_AreOverlapping_WithConsecutivePositions()
    {
        var tokens = A.Bigrams("督查督辦，限時辦結 2024年");
        Assert.Equal(["督查", "查督", "督办", "限时", "时办", "办结", "2024", "年"], tokens.Select(t => t.Text));
        Assert.Equal(Enumerable.Range(0, tokens.Count), tokens.Select(t => t.Position));
        Assert.Equal(2, tokens[2].Start);
    }

    [Fact]
    public void DomainDictionary_KeepsOfficeTermsWhole()
    {
        const string text = "要求按期办结督查督办事项，实行首问责任制和限时办结，发挥参谋助手作用";
        var plain = Cut(text, ChineseAnalyzer.Create(new AnalyzerOptions { UseDomainDictionary = false }));
        var domain = Cut(text);
        foreach (var term in new[] { "按期办结", "督查督办", "首问责任制", "限时办结", "参谋助手" })
        {
            Assert.Contains(term, domain);
            Assert.DoesNotContain(term, plain);
        }
    }

    [Fact]
    public void UserDictionary_AddsWords_WithAndWithoutFrequency()
    {
        const string text = "推进一网通办和秒批秒办改革";
        Assert.DoesNotContain("一网通办", Cut(text));
        var custom = ChineseAnalyzer.Create(new AnalyzerOptions
        {
            UserWords = [new UserWord("一网通办"), new UserWord("秒批秒辦", 50_000)],
        });
        var words = Cut(text, custom);
        Assert.Contains("一网通办", words);
        Assert.Contains("秒批秒办", words); // the user's Traditional spelling is folded like the text
        Assert.Contains("督查督办", Cut("督查督办", custom)); // the domain dictionary is still there
        Assert.DoesNotContain("一网通办", Cut(text)); // and the default analyzer is unchanged
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\r\n ")]
    [InlineData("😀😀👍🏽")]
    [InlineData("\u0000\u0001\u001F\u007F")]
    [InlineData("\uD800孤立代理\uDC00")]
    [InlineData("，。、；：？！…—")]
    [InlineData("\u200B\uFEFF\u00AD")]
    public void OddInput_NeverThrows_AndYieldsConsistentOffsets(string text)
    {
        foreach (var t in A.Cut(text).Concat(A.Search(text)).Concat(A.Bigrams(text)))
        {
            Assert.InRange(t.Start, 0, text.Length - 1);
            Assert.InRange(t.Length, 1, text.Length - t.Start);
        }
        Assert.NotNull(A.Normalize(text));
    }

    [Fact]
    public void EmptyAndWhitespace_GiveNoTokens()
    {
        Assert.Empty(A.Cut(""));
        Assert.Empty(A.Search("  \u3000 "));
        Assert.Empty(A.Bigrams("\t"));
    }

    [Fact]
    public void LongTextWithoutPunctuation_IsSegmented()
    {
        var text = string.Concat(Enumerable.Repeat("政府办公室督查督办工作", 2000));
        var tokens = A.Cut(text);
        Assert.Equal(text, string.Concat(tokens.Select(t => t.Text)));
    }

    [Fact]
    public void ConcurrentUse_GivesTheSameTokensAsSequentialUse()
    {
        var lines = AnalyzerTestData.JiebaReference.Take(200).Select(t => string.Concat(t)).ToArray();
        var expected = lines.Select(l => string.Join(' ', Search(l))).ToArray();
        Parallel.For(0, lines.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var l = i % lines.Length;
            Assert.Equal(expected[l], string.Join(' ', Search(lines[l])));
        });
    }
}
