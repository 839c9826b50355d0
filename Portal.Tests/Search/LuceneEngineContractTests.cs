using Portal.Indexing.Search;

namespace Portal.Tests.Search;

/// <summary>The Lucene engine against the engine contract (the cases of the legacy SearchEngineContractTests, and more).</summary>
public sealed class LuceneEngineContractTests(LuceneEngineFixture f) : IClassFixture<LuceneEngineFixture>
{
    private static List<int> Ids(SearchResults r) => r.Hits.Select(h => h.Id).ToList();

    [Fact]
    public void Word_FindsDocumentsContainingIt()
    {
        var ids = Ids(f.Search("督办"));
        Assert.Contains(1, ids);
        Assert.Contains(2, ids);
        Assert.DoesNotContain(7, ids);
    }

    [Fact]
    public void TraditionalQuery_FindsSimplifiedText_AndSimplifiedFindsTraditional()
    {
        Assert.Contains(1, Ids(f.Search("督辦")));
        Assert.Contains(3, Ids(f.Search("督办")));
        Assert.Contains(3, Ids(f.Search("讲话")));
    }

    [Fact]
    public void AllWordsMustMatch()
    {
        var ids = Ids(f.Search("督办 政务信息"));
        Assert.Contains(2, ids);
        Assert.DoesNotContain(1, ids);
    }

    [Fact]
    public void Or_MatchesEither()
    {
        var ids = Ids(f.Search("台账 OR 值班"));
        Assert.Contains(1, ids);
        Assert.Contains(7, ids);
        Assert.DoesNotContain(2, ids);
    }

    [Fact]
    public void Exclusion_RemovesDocuments()
    {
        var ids = Ids(f.Search("督办 -台账"));
        Assert.Contains(2, ids);
        Assert.DoesNotContain(1, ids);
        Assert.DoesNotContain(6, ids);
    }

    [Fact]
    public void Phrase_MatchesExactSequenceOnly()
    {
        Assert.Contains(1, Ids(f.Search("\"加强督办工作\"")));
        Assert.DoesNotContain(2, Ids(f.Search("\"督办工作\"")));
    }

    [Fact]
    public void Numbers_StaySingleTokens()
    {
        Assert.Equal([5], Ids(f.Search("92.3%")));
        Assert.Equal([5], Ids(f.Search("2024年")));
    }

    [Fact]
    public void Filters_TypeUnitYear_AndDateRange()
    {
        Assert.All(f.Search("督办 类型:讲话").Hits, h => Assert.Equal("讲话", h.DocType));
        Assert.Equal([3], Ids(f.Search("督办 单位:滨江")));
        Assert.Equal([2], Ids(f.Search("督办 年份:2024")));
        Assert.Equal([2], Ids(f.Search("督办", from: new DateOnly(2024, 1, 1), to: new DateOnly(2024, 12, 31))));
        Assert.Equal([2, 3], Ids(f.Search("类型:讲话", sort: SearchSort.Date)));
    }

    [Fact]
    public void RestrictedDocument_OnlyForGrantedUnit()
    {
        Assert.DoesNotContain(4, Ids(f.Search("受限")));
        Assert.Empty(f.Search("受限").Hits);
        Assert.Equal([4], Ids(f.Search("受限", SearchAccess.For(1, []))));
        Assert.Empty(f.Search("受限", SearchAccess.For(2, ["Staff"])).Hits);
        Assert.Equal([4], Ids(f.Search("受限", SearchAccess.Everything)));
    }

    [Fact]
    public void Facets_CountTypesUnitsYears_OverEveryMatch()
    {
        var r = f.Search("督办");
        Assert.Equal(r.Total, r.Types.Sum(t => t.Count));
        Assert.Contains(r.Types, t => t.Value == "讲话" && t.Count == 2);
        Assert.Contains(r.Years, y => y.Value == "2024" && y.Count == 1);
        Assert.DoesNotContain(r.Types, t => t.Value == "报告");
        Assert.False(r.TotalIsLowerBound);
    }

    [Fact]
    public void Ranking_TitleAboveBody()
    {
        Assert.Equal([7, 9], Ids(f.Search("值班")));
    }

    [Fact]
    public void Ranking_TiesGoToNewerDocument()
    {
        var ids = Ids(f.Search("台账"));
        Assert.True(ids.IndexOf(8) < ids.IndexOf(6), string.Join(",", ids));
    }

    [Fact]
    public void SortByDate_NewestFirst()
    {
        var hits = f.Search("督办", sort: SearchSort.Date).Hits;
        Assert.Equal(hits.OrderByDescending(h => h.Date).Select(h => h.Id), hits.Select(h => h.Id));
    }

    [Fact]
    public void Snippet_MarksTheWord_InTheOriginalTraditionalText()
    {
        var hit = Assert.Single(f.Search("督办 单位:滨江").Hits);
        Assert.Contains("<mark>督辦</mark>", hit.SnippetHtml);
        Assert.Equal("政府辦公室主任座談講話", hit.Title);
    }

    [Fact]
    public void Hits_CarryKeysAndTitles()
    {
        var titles = LuceneEngineFixture.Docs.ToDictionary(d => d.Key, d => d.Title);
        foreach (var (q, sort) in new[] { ("督办", SearchSort.Relevance), ("督办", SearchSort.Date), ("办工", SearchSort.Relevance),
                     ("类型:通知", SearchSort.Relevance), ("讲话 OR 值班", SearchSort.Relevance) })
        {
            var hits = f.Search(q, sort: sort).Hits;
            Assert.NotEmpty(hits);
            Assert.All(hits, h => Assert.Equal(titles[h.Key], h.Title));
        }
    }

    [Fact]
    public void BigramsOnly_AreTierOne()
    {
        var hits = f.Search("办工").Hits;
        Assert.Contains(hits, h => h.Id == 1);
        Assert.All(hits, h => Assert.Equal(1, h.Tier));
    }

    [Fact]
    public void CountAndEntries_ListEveryRow()
    {
        Assert.Equal(LuceneEngineFixture.Docs.Length, f.Engine.Count);
        Assert.Equal(LuceneEngineFixture.Docs.Select(d => d.Key), f.Engine.Entries().Select(e => e.Key));
        Assert.Equal(9, f.Engine.AppliedChange);
    }

    [Fact]
    public void Apply_ReplacesByKey_DeletesAndNeverLowersTheChange()
    {
        using var fx = LuceneEngineFixture.Fresh();
        fx.Engine.Apply([LuceneEngineFixture.Docs[0] with { Title = "督办新标题", Version = 12 }], [new IndexKey("document", 2)], 12);
        fx.Engine.Apply([LuceneEngineFixture.Docs[0] with { Title = "督办新标题", Version = 12 }], [], 11);
        Assert.Equal("督办新标题", Assert.Single(fx.Search("督办").Hits, h => h.Id == 1).Title);
        Assert.DoesNotContain(2, Ids(fx.Search("政务信息")));
        Assert.Equal(LuceneEngineFixture.Docs.Length - 1, fx.Engine.Count);
        Assert.Equal(12, fx.Engine.AppliedChange);
        Assert.Contains((new IndexKey("document", 1), 12L), fx.Engine.Entries());
    }

    [Fact]
    public void AppliedChange_PersistsAcrossReopen()
    {
        using var fx = LuceneEngineFixture.Fresh();
        fx.Engine.Apply([], [new IndexKey("document", 9)], 42);
        fx.Reopen();
        Assert.Equal(42, fx.Engine.AppliedChange);
        Assert.Equal(LuceneEngineFixture.Docs.Length - 1, fx.Engine.Count);
        Assert.Contains(1, Ids(fx.Search("督办")));
    }

    [Fact]
    public void ApplyBulk_IndexesEveryDocument_AndReportsProgress()
    {
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        var docs = Enumerable.Range(1, 3000).Select(i => LuceneEngineFixture.Doc(i, "文件" + i, "督办事项第" + i + "号", "通知", null, null, null));
        var progress = new List<int>();
        fx.Engine.ApplyBulk(docs, 7, progress.Add);
        Assert.Equal(3000, fx.Engine.Count);
        Assert.Equal(3000, progress[^1]);
        Assert.Equal(3000, fx.Search("督办").Total);
        Assert.Equal(7, fx.Engine.AppliedChange);
    }

    [Theory]
    [InlineData("\"督办")]
    [InlineData("督办\"")]
    [InlineData("OR")]
    [InlineData("-")]
    [InlineData("- OR \"\"")]
    [InlineData("督办 OR")]
    [InlineData("*")]
    [InlineData("督办*")]
    [InlineData("title:督办")]
    [InlineData("^督办")]
    [InlineData("NEAR(督办 信息)")]
    [InlineData("督办 NEAR 信息")]
    [InlineData("(督办")]
    [InlineData("督办) AND (")]
    [InlineData("{title}:督办")]
    [InlineData("😀")]
    [InlineData("督办😀")]
    [InlineData("\u0000\u0001督办\u001f")]
    [InlineData("\ud800督办")]
    [InlineData("类型:")]
    [InlineData("年份:abc")]
    [InlineData("单位:*?\\")]
    [InlineData("-督办")]
    [InlineData("'; DROP TABLE search_meta; --")]
    [InlineData("\"\"\"\"")]
    [InlineData("AND OR NOT")]
    public void BadInput_NeverThrows(string q)
    {
        Assert.NotNull(f.Search(q));
        Assert.NotNull(f.Engine.Suggest(q, SearchAccess.PublicOnly, 8));
    }

    [Fact]
    public void VeryLongQuery_NeverThrows()
    {
        Assert.NotNull(f.Search(string.Concat(Enumerable.Repeat("督办 信息 \"( * ", 2000))));
        Assert.NotNull(f.Search(new string('督', 10_000)));
    }

    [Fact]
    public void Suggest_TitlesAndTerms_RespectAccess()
    {
        var s = f.Engine.Suggest("督办", SearchAccess.PublicOnly, 8);
        Assert.Contains(s, x => x.Kind == "title" && x.DocumentId == 1);
        Assert.DoesNotContain(s, x => x.DocumentId == 4);
        Assert.Empty(f.Engine.Suggest("受限", SearchAccess.PublicOnly, 8));
        Assert.Contains(f.Engine.Suggest("受限", SearchAccess.For(1, []), 8), x => x.DocumentId == 4);
    }

    [Fact]
    public void Similar_FindsDocumentsSharingWords_RespectsAccess()
    {
        var similar = f.Engine.Similar(new IndexKey("document", 1), SearchAccess.PublicOnly, 5);
        Assert.Contains(similar, h => h.Id == 6);
        Assert.DoesNotContain(similar, h => h.Id == 1 || h.Id == 4);
        Assert.Empty(f.Engine.Similar(new IndexKey("document", 4), SearchAccess.PublicOnly, 5));
    }
}
