using Portal.Indexing.Analysis;
using Portal.Indexing.Search.Spelling;

namespace Portal.Tests.Search;

public class SpellingTests
{
    private static readonly PinyinTable Pinyin = PinyinTable.Default;

    private static SpellingSuggester Suggester(params (string Word, int DocFreq)[] vocabulary) =>
        new(vocabulary, Pinyin, ChineseAnalyzer.Default.Normalize);

    [Fact]
    public void PinyinTable_KnowsEveryReadingOfPolyphonicCharacters()
    {
        Assert.Equal(["du"], Pinyin.Readings('督'));
        Assert.Contains("xing", Pinyin.Readings('行'));
        Assert.Contains("hang", Pinyin.Readings('行'));
        Assert.Equal(["zhong", "chong"], Pinyin.Readings('重'));
        Assert.Equal(["lv", "lu"], Pinyin.Readings('绿'));
        Assert.Empty(Pinyin.Readings('a'));
        Assert.True(Pinyin.SyllableCount is > 380 and < 450, $"{Pinyin.SyllableCount} syllables");
    }

    [Fact]
    public void PinyinTable_SpellsWordsEveryWayTheyCanBeRead()
    {
        Assert.Equal(["dcdb", "dzdb"], Pinyin.Initials("督查督办"));   // 查 also reads zha (山查)
        Assert.Contains("yh", Pinyin.Initials("银行"));
        Assert.Contains("yx", Pinyin.Initials("银行"));
        Assert.Contains("chongqing", Pinyin.Spellings("重庆"));
        Assert.Contains("zhongqing", Pinyin.Spellings("重庆"));
        Assert.Empty(Pinyin.Initials("督办a"));
        Assert.Equal(2, Pinyin.Spellings("乐乐乐", max: 2).Count);
    }

    [Fact]
    public void Corrections_OfferTheSamePinyinWithOtherCharacters_BeforeOneCharacterEdits()
    {
        var s = Suggester(("督查督办", 5), ("督查督导", 100), ("督察督办", 2), ("会议纪要", 40));
        Assert.Equal(["督查督办", "督察督办", "督查督导"], s.Corrections("督查督半").ToList());
    }

    [Fact]
    public void Corrections_RankHomophonesByDocumentFrequency()
    {
        var s = Suggester(("督察督办", 3), ("督查督办", 50));
        Assert.Equal(["督查督办", "督察督办"], s.Corrections("督查督半").ToList());
    }

    [Theory]
    [InlineData("银航", "银行")]   // 行 read hang
    [InlineData("星动", "行动")]   // 行 read xing
    [InlineData("众要", "重要")]   // 重 read zhong
    [InlineData("虫新", "重新")]   // 重 read chong
    public void Corrections_MatchAnyReadingOfAPolyphonicCharacter(string typed, string meant)
    {
        var s = Suggester(("银行", 10), ("行动", 10), ("重要", 10), ("重新", 10), ("银杏", 1));
        Assert.Equal(meant, s.Corrections(typed).First());
    }

    [Fact]
    public void Corrections_NormaliseTraditionalInputFirst()
    {
        var s = Suggester(("监督办法", 7));
        Assert.Equal(["监督办法"], s.Corrections("監督辦髮").ToList());
    }

    [Fact]
    public void Corrections_NeverOfferTheWordItself()
    {
        var s = Suggester(("督查督办", 5), ("督察督办", 2));
        Assert.Equal(["督察督办"], s.Corrections("督查督办").ToList());
        Assert.Equal(["督察督办"], s.Corrections("督查督辦").ToList());
    }

    [Fact]
    public void Corrections_FindOneCharacterSubstitutedInsertedOrDeleted_ByDocumentFrequency()
    {
        var s = Suggester(("督查督办", 5), ("督查工作", 9), ("督查", 30), ("督查督办单", 1), ("政府工作", 50));
        // 督查工办: 督查工作 (substitution) and 督查督办 (substitution); 督查 is two deletions away.
        Assert.Equal(["督查工作", "督查督办"], s.Corrections("督查工办").ToList());
        // 督查办: 督查 (deletion), 督查督办 (insertion).
        Assert.Equal(["督查", "督查督办"], s.Corrections("督查办").ToList());
        // 督查督督办: 督查督办 (deletion); 督查督办单 is two edits away.
        Assert.Equal(["督查督办"], s.Corrections("督查督督办").ToList());
    }

    [Fact]
    public void Corrections_IgnoreSingleCharactersAndLatin()
    {
        var s = Suggester(("督", 500), ("督办", 5), ("abc", 9));
        Assert.Empty(s.Corrections("督"));
        Assert.Empty(s.Corrections("abd"));
        Assert.DoesNotContain("督", s.Corrections("督半"));
        Assert.Equal(["督办"], s.Corrections("督半").ToList());
        Assert.Equal(1, s.Count);
    }

    [Fact]
    public void Spelled_FindsWordsByTheirPinyinInitials_ExactLengthFirst()
    {
        var s = Suggester(("督查督办", 5), ("督查", 10), ("督促", 40), ("地产", 3), ("多次督办", 60), ("会议", 90));
        Assert.Equal(["多次督办", "督查督办"], s.Spelled("dcdb").ToList());
        Assert.Equal(["督促", "督查", "地产", "多次督办", "督查督办"], s.Spelled("dc").ToList());
        Assert.Equal(["多次督办", "督查督办"], s.Spelled("DCD").ToList());
        Assert.Empty(s.Spelled("d"));
        Assert.Empty(s.Spelled("督办"));
    }

    [Theory]
    [InlineData("duchaduban")]
    [InlineData("duchadb")]
    [InlineData("dchdub")]
    [InlineData("duchadubanx")]
    public void Spelled_ReadsFullSyllablesAndMixes(string typed)
    {
        var s = Suggester(("督查督办", 5), ("督查", 10), ("多次督办", 60));
        var found = s.Spelled(typed).ToList();
        if (typed.EndsWith('x')) Assert.Empty(found);
        else Assert.Equal(["督查督办"], found);
    }

    [Fact]
    public void Spelled_ReadsPolyphonicCharactersEveryWay()
    {
        var s = Suggester(("银行", 10), ("重庆", 8), ("重要", 20));
        Assert.Equal(["银行"], s.Spelled("yinhang").ToList());
        Assert.Equal(["银行"], s.Spelled("yx").ToList());
        Assert.Equal(["重庆"], s.Spelled("chongq").ToList());
        Assert.Equal(["重要", "重庆"], s.Spelled("zhong").ToList());
    }
}
