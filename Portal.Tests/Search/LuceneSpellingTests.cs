using Portal.Indexing.Search;
using static Portal.Tests.Search.LuceneEngineFixture;

namespace Portal.Tests.Search;

/// <summary>您是不是要找 and pinyin suggestions from the Lucene engine's vocabulary, access-filtered.</summary>
public sealed class LuceneSpellingTests : IDisposable
{
    private static readonly SearchAccess Chengguan = SearchAccess.For(1, []);
    private readonly LuceneEngineFixture _index = Fresh(fill: false);

    public LuceneSpellingTests() => _index.Engine.Apply(
    [
        Doc(1, "督查督办工作通知", "各单位要做好督查督办工作，银行网点与重要设施要排查。", "通知", "市政府办公室", new DateOnly(2024, 3, 1), null),
        Doc(2, "督查通报", "督查督辦事項按期辦結。", "通报", "市政府办公室", new DateOnly(2024, 4, 1), null),
        // Words only a restricted row holds: 督查调研, 积案.
        Doc(3, "城关区内部材料", "城关区内部的督查调研报告，信访积案化解。", "报告", "城关区政府办公室", new DateOnly(2024, 5, 1), [SearchAccess.UnitKey(1)]),
    ], [], 3);

    public void Dispose() => _index.Dispose();

    [Fact]
    public void DidYouMean_OffersTheIndexedWordWithTheSamePinyin()
    {
        Assert.Equal("督查督办", _index.Engine.DidYouMean("督查督半", SearchAccess.PublicOnly, 5).First());
        Assert.Equal("督查督办", _index.Engine.DidYouMean("督察督半", SearchAccess.PublicOnly, 5).First());
        Assert.Contains("银行", _index.Engine.DidYouMean("银航", SearchAccess.PublicOnly, 5));
        Assert.DoesNotContain("督查督办", _index.Engine.DidYouMean("督查督办", SearchAccess.PublicOnly, 5));
    }

    [Fact]
    public void DidYouMean_NeverOffersAWordOnlyRestrictedRowsHold_WithoutTheGrant()
    {
        foreach (var (typed, word) in new[] { ("督查调言", "督查调研"), ("积安", "积案") })
        {
            Assert.DoesNotContain(word, _index.Engine.DidYouMean(typed, SearchAccess.PublicOnly, 10));
            Assert.DoesNotContain(word, _index.Engine.DidYouMean(typed, SearchAccess.For(2, ["staff"]), 10));
            Assert.Contains(word, _index.Engine.DidYouMean(typed, Chengguan, 10));
            Assert.Contains(word, _index.Engine.DidYouMean(typed, SearchAccess.Everything, 10));
        }
    }

    [Fact]
    public void Suggest_OffersWordsByPinyinInitials_AccessChecked()
    {
        var pinyin = _index.Engine.Suggest("dcdb", SearchAccess.PublicOnly, 5).Where(s => s.Kind == "拼音").ToList();
        Assert.Equal("督查督办", pinyin.First().Text);
        Assert.Contains(_index.Engine.Suggest("duchaduban", SearchAccess.PublicOnly, 5), s => s is { Kind: "拼音", Text: "督查督办" });
        Assert.DoesNotContain(_index.Engine.Suggest("dcdy", SearchAccess.PublicOnly, 5), s => s.Text == "督查调研");
        Assert.Contains(_index.Engine.Suggest("dcdy", Chengguan, 5), s => s is { Kind: "拼音", Text: "督查调研" });
        Assert.DoesNotContain(_index.Engine.Suggest("督查", SearchAccess.PublicOnly, 5), s => s.Kind == "拼音");
    }

    [Fact]
    public async Task LargeIndex_BuildsItsFirstVocabularyInTheBackground()
    {
        using var large = Fresh(fill: false);
        large.Engine.ApplyBulk(Enumerable.Range(1, 10_001).Select(i =>
            Doc(i, "第" + i + "号通知", i % 2 == 0 ? "督查督办工作" : "值班安排", "通知", null, null, null)), 1);
        // The first request starts the build and does not wait for it.
        Assert.Empty(large.Engine.DidYouMean("督查督半", SearchAccess.PublicOnly, 5));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<string> found;
        while ((found = large.Engine.DidYouMean("督查督半", SearchAccess.PublicOnly, 5)).Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal("督查督办", found.First());
    }

    [Fact]
    public void Vocabulary_FollowsWrites()
    {
        Assert.DoesNotContain("民生", _index.Engine.DidYouMean("民声", SearchAccess.PublicOnly, 5));
        _index.Engine.Apply([Doc(4, "民生实事", "今年的民生实事项目。", "通知", null, null, null)], [], 4);
        Assert.Contains("民生", _index.Engine.DidYouMean("民声", SearchAccess.PublicOnly, 5));

        _index.Engine.Apply([], [new IndexKey("document", 4)], 5);
        Assert.DoesNotContain("民生", _index.Engine.DidYouMean("民声", SearchAccess.PublicOnly, 5));
        Assert.DoesNotContain(_index.Engine.Suggest("ms", SearchAccess.PublicOnly, 5), s => s.Text == "民生");
    }
}
