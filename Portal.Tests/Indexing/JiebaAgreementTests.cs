using Portal.Indexing.Analysis;

namespace Portal.Tests.Indexing;

public class JiebaAgreementTests
{
    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    [Fact]
    public void Cut_WithoutDomainDictionary_AgreesWithPythonJieba_OnBoundariesBetweenChineseCharacters()
    {
        var analyzer = ChineseAnalyzer.Create(new AnalyzerOptions { UseDomainDictionary = false });
        long either = 0, both = 0, positions = 0;
        foreach (var jiebaTokens in AnalyzerTestData.JiebaReference)
        {
            var line = string.Concat(jiebaTokens);
            var reference = new HashSet<int>();
            int p = 0;
            foreach (var t in jiebaTokens) reference.Add(p += t.Length);
            var ours = new HashSet<int>();
            foreach (var t in analyzer.Cut(line)) { ours.Add(t.Start); ours.Add(t.Start + t.Length); }
            for (int i = 1; i < line.Length; i++)
            {
                if (!IsHan(line[i - 1]) || !IsHan(line[i])) continue;
                positions++;
                bool a = reference.Contains(i), b = ours.Contains(i);
                if (a || b) either++;
                if (a && b) both++;
            }
        }
        Assert.True(positions > 30_000, $"reference too small: {positions}");
        // Boundaries found by both over boundaries found by either (stricter than agreement per position).
        double agreement = (double)both / either;
        Assert.True(agreement >= 0.995, $"boundary agreement {agreement:P3}");
    }

    [Fact]
    public void EveryToken_OfEveryReferenceLine_IsTheNormalisedTextAtItsOffsets()
    {
        var analyzer = ChineseAnalyzer.Default;
        var lines = AnalyzerTestData.JiebaReference.Select(t => string.Concat(t)).Concat(AnalyzerTestData.FixtureLines)
            .Concat(AnalyzerTestData.TraditionalPairs().Select(p => p.Traditional));
        int checkedTokens = 0;
        foreach (var line in lines)
        {
            var folded = analyzer.Normalize(line);
            foreach (var t in analyzer.Search(line).Concat(analyzer.Bigrams(line)))
            {
                Assert.InRange(t.Start, 0, line.Length);
                Assert.InRange(t.Start + t.Length, t.Start + 1, line.Length);
                if (folded.Length == line.Length)
                    Assert.Equal(t.Text, folded.Substring(t.Start, t.Length)); // the normalised text at the token's offsets
                else
                    Assert.Equal(t.Text, analyzer.Normalize(line.Substring(t.Start, t.Length)));
                checkedTokens++;
            }
            foreach (var t in analyzer.Cut(line))
                Assert.Equal(t.Text, line.Substring(t.Start, t.Length));
        }
        Assert.True(checkedTokens > 50_000);
    }
}
