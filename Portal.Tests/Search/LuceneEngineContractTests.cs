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
    public void SortByDate_MergesWordAndBigramMatches_NewestFirst_EachWithItsTier()
    {
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        // 督办 as a word (tier 0) in 11 and 13; only as characters across 监督/办法 (tier 1) in 12 and 14.
        fx.Engine.Apply([
            LuceneEngineFixture.Doc(11, "督办通知", "加强督办工作。", "通知", null, new DateOnly(2021, 1, 1), null),
            LuceneEngineFixture.Doc(12, "监督办法", "监督办法全文。", "通知", null, new DateOnly(2022, 1, 1), null),
            LuceneEngineFixture.Doc(13, "督办报告", "督办事项报告。", "报告", null, new DateOnly(2023, 1, 1), null),
            LuceneEngineFixture.Doc(14, "监督办法修订", "修订监督办法。", "通知", null, new DateOnly(2024, 1, 1), null),
        ], [], 1);
        var byDate = fx.Search("督办", sort: SearchSort.Date);
        Assert.Equal([14, 13, 12, 11], byDate.Hits.Select(h => h.Id));
        Assert.Equal([1, 0, 1, 0], byDate.Hits.Select(h => h.Tier));
        Assert.Equal(4, byDate.Total);
        Assert.Equal([0, 0, 1, 1], fx.Search("督办").Hits.Select(h => h.Tier));
        var page2 = fx.Engine.Search(new SearchRequest(QueryParser.Parse("督办"), SearchAccess.PublicOnly) { Sort = SearchSort.Date, Page = 2, PageSize = 3 });
        Assert.Equal([11], page2.Hits.Select(h => h.Id));
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
    public void ForgedPagesAndSizes_NeverThrow()
    {
        foreach (var (page, size) in new[] { (int.MaxValue, 10), (2, int.MaxValue), (-5, 0), (int.MaxValue, int.MaxValue) })
            foreach (var sort in new[] { SearchSort.Relevance, SearchSort.Date })
            {
                var r = f.Engine.Search(new SearchRequest(QueryParser.Parse("督办"), SearchAccess.PublicOnly) { Page = page, PageSize = size, Sort = sort });
                Assert.True(r.Total > 0);
            }
        Assert.NotEmpty(f.Engine.Similar(new IndexKey("document", 1), SearchAccess.PublicOnly, int.MaxValue));
    }

    [Fact]
    public void Paging_ContinuesWhereThePreviousPageStopped()
    {
        var all = Ids(f.Engine.Search(new SearchRequest(QueryParser.Parse("督办 OR 值班"), SearchAccess.PublicOnly) { PageSize = 100 }));
        var paged = Enumerable.Range(1, 4).SelectMany(p =>
            Ids(f.Engine.Search(new SearchRequest(QueryParser.Parse("督办 OR 值班"), SearchAccess.PublicOnly) { Page = p, PageSize = 2 }))).ToList();
        Assert.Equal(all, paged);
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

/// <summary>The engine's limits and the access filter on every path, each on an index of its own.</summary>
public sealed class LuceneEngineLimitTests
{
    [Fact]
    public void OneMegabyteDocument_IsIndexedWhole_AndFoundByItsLastWord()
    {
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        var body = string.Concat(Enumerable.Repeat("各单位要加强督办工作，对领导批示件实行台账管理。\n", 1_048_576 / 26)) + "末尾的值班表";
        Assert.True(body.Length >= 1_000_000);
        fx.Engine.Apply([LuceneEngineFixture.Doc(1, "长文件", body, "通知", null, null, null)], [], 1);
        var hit = Assert.Single(fx.Search("值班").Hits);
        Assert.Contains("<mark>值班</mark>", hit.SnippetHtml);
        Assert.Single(fx.Search("\"督办工作\"").Hits);
    }

    [Fact]
    public void LargerDocuments_AndImmenseTokens_AreIndexedToo()
    {
        // The engine sets no size limit (the portal's upload limit does); a run of letters beyond 255 characters is no
        // searchable word and is left out instead of failing the document (Lucene refuses terms over 32 KB).
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        var body = new string('a', 100_000) + " " + string.Concat(Enumerable.Repeat("督办工作。", 600_000)) + "末尾的值班表";
        fx.Engine.Apply([LuceneEngineFixture.Doc(1, "很长的文件", body, "通知", null, null, null)], [], 1);
        Assert.Single(fx.Search("值班").Hits);
    }

    [Fact]
    public void RecallNet_JoinsOnlyWhenTheWordsFindFewRows()
    {
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        fx.Engine.Apply([
            LuceneEngineFixture.Doc(1, "督办", "督办", "通知", null, null, null),
            LuceneEngineFixture.Doc(2, "督办事项", "督办", "通知", null, null, null),
            LuceneEngineFixture.Doc(3, "监督办理", "加强监督办理", "通知", null, null, null),
        ], [], 3);
        foreach (var sort in new[] { SearchSort.Relevance, SearchSort.Date })
        {
            var r = fx.Search("督办", sort: sort);
            Assert.Equal(3, r.Total);
            Assert.Equal(1, Assert.Single(r.Hits, h => h.Id == 3).Tier);
        }
        fx.Reopen(recallNetBelow: 2);
        foreach (var sort in new[] { SearchSort.Relevance, SearchSort.Date })
        {
            var r = fx.Search("督办", sort: sort);
            Assert.Equal(2, r.Total);
            Assert.Equal([1, 2], r.Hits.Select(h => h.Id).Order());
            Assert.Equal(2, r.Types.Sum(t => t.Count));
        }
    }

    [Fact]
    public void BulkWrite_TwentyThousandDocuments_AllFound()
    {
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        var docs = Enumerable.Range(1, 20_000).Select(i => LuceneEngineFixture.Doc(i, "第" + i + "号文件",
            (i % 2 == 0 ? "督办" : "值班") + "事项编号X" + i, i % 3 == 0 ? "通知" : "讲话", null, new DateOnly(2020 + i % 5, 1, 1), null));
        fx.Engine.ApplyBulk(docs, 20_000);
        Assert.Equal(20_000, fx.Engine.Count);
        Assert.Equal(10_000, fx.Search("督办").Total);
        Assert.Equal(10_000, fx.Search("值班").Total);
        var r = fx.Search("督办 OR 值班");
        Assert.Equal(20_000, r.Total);
        Assert.Equal(20_000, r.Years.Sum(y => y.Count));
        Assert.Single(fx.Search("x12345").Hits);
        Assert.Equal(20_000, fx.Engine.Entries().Count());
    }

    [Fact]
    public void RestrictedRows_NeverReachHitsTotalsFacetsSnippetsSimilarSuggestionsOrSpelling()
    {
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        fx.Engine.Apply([
            LuceneEngineFixture.Doc(1, "督办通知", "督办事项", "通知", "甲单位", new DateOnly(2024, 1, 1), null),
            LuceneEngineFixture.Doc(2, "督办绝密报告", "督办事项的绝密材料，机要督办", "报告", "乙单位", new DateOnly(2023, 1, 1), ["u:2"]),
            LuceneEngineFixture.Doc(3, "督办机要材料", "督办事项 机要督办", "报告", "乙单位", new DateOnly(2022, 1, 1), ["r:Admin"]),
        ], [], 3);
        var publicOnly = SearchAccess.PublicOnly;
        var r = fx.Engine.Search(new SearchRequest(QueryParser.Parse("督办"), publicOnly));
        Assert.Equal([1], r.Hits.Select(h => h.Id));
        Assert.Equal(1, r.Total);
        Assert.Equal([new FacetValue("通知", 1)], r.Types);
        Assert.Equal([new FacetValue("甲单位", 1)], r.Units);
        Assert.Equal([new FacetValue("2024", 1)], r.Years);
        Assert.DoesNotContain("绝密", string.Concat(r.Hits.Select(h => h.SnippetHtml)));
        Assert.Empty(fx.Engine.Search(new SearchRequest(QueryParser.Parse("绝密"), publicOnly)).Hits);
        Assert.Empty(fx.Engine.Search(new SearchRequest(QueryParser.Parse("类型:报告"), publicOnly)).Hits);
        Assert.DoesNotContain(fx.Engine.Similar(new IndexKey("document", 1), publicOnly, 5), h => h.Id != 1);
        Assert.Empty(fx.Engine.Similar(new IndexKey("document", 2), publicOnly, 5));
        Assert.Empty(fx.Engine.Suggest("绝密", publicOnly, 8));
        Assert.DoesNotContain(fx.Engine.Suggest("督办", publicOnly, 8), s => s.DocumentId is 2 or 3 || s.Text.Contains("机要"));
        Assert.Empty(fx.Engine.DidYouMean("机药", publicOnly, 5));

        // The grants open exactly their rows.
        var unit2 = SearchAccess.For(2, []);
        Assert.Equal([1, 2], fx.Engine.Search(new SearchRequest(QueryParser.Parse("督办"), unit2)).Hits.Select(h => h.Id).Order());
        Assert.Contains(fx.Engine.Similar(new IndexKey("document", 2), SearchAccess.For(2, ["Admin"]), 5), h => h.Id == 3);
        Assert.Equal(3, fx.Engine.Search(new SearchRequest(QueryParser.Parse("督办"), SearchAccess.Everything)).Total);
    }
}
