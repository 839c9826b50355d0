using Portal.Indexing.Search;

namespace Portal.Tests.Search;

[Trait("Provider", "SqliteOnly")]
public class Fts5SearchEngineTests(SearchEngineFixture f) : IClassFixture<SearchEngineFixture>
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
    public void Facets_CountTypesUnitsYears()
    {
        var r = f.Search("督办");
        Assert.Equal(r.Total, r.Types.Sum(t => t.Count));
        Assert.Contains(r.Types, t => t.Value == "讲话" && t.Count == 2);
        Assert.Contains(r.Years, y => y.Value == "2024" && y.Count == 1);
        Assert.DoesNotContain(r.Types, t => t.Value == "报告");
    }

    [Fact]
    public void Ranking_TitleAboveBody()
    {
        var ids = Ids(f.Search("值班"));
        Assert.Equal([7, 9], ids);
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
    [InlineData("-督办")]
    [InlineData("'; DROP TABLE search_meta; --")]
    [InlineData("\"\"\"\"")]
    [InlineData("AND OR NOT")]
    public void BadInput_NeverThrows(string q)
    {
        var r = f.Search(q);
        Assert.NotNull(r);
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
        var s = f.Engine.Suggest(f.Connection, "督办", SearchAccess.PublicOnly, 8);
        Assert.Contains(s, x => x.Kind == "title" && x.DocumentId == 1);
        Assert.DoesNotContain(s, x => x.DocumentId == 4);
        var restricted = f.Engine.Suggest(f.Connection, "受限", SearchAccess.PublicOnly, 8);
        Assert.Empty(restricted);
    }

    [Fact]
    public void Similar_FindsDocumentsSharingWords_RespectsAccess()
    {
        var similar = f.Engine.Similar(f.Connection, SearchEngineFixture.Docs[0], SearchAccess.PublicOnly, 5);
        Assert.Contains(similar, h => h.Id == 6);
        Assert.DoesNotContain(similar, h => h.Id == 1 || h.Id == 4);
    }

    [Fact]
    public void Remove_TakesDocumentOutOfIndex()
    {
        using var fx = new SearchEngineFixture();
        fx.Engine.Remove(fx.Connection, null, [2]);
        Assert.DoesNotContain(2, Ids(fx.Search("政务信息")));
        Assert.DoesNotContain(2, fx.Engine.IndexedIds(fx.Connection));
        fx.Engine.Index(fx.Connection, null, [SearchEngineFixture.Docs[1] with { Title = "改过的标题", Body = "值班" }]);
        Assert.Contains(2, Ids(fx.Search("值班")));
        Assert.DoesNotContain(2, Ids(fx.Search("政务信息")));
    }
}

[Trait("Provider", "SqliteOnly")]
public class Fts5SearchEngineTraditionalTests
{
    [Fact]
    public void QuotedTraditionalPhrase_FindsTraditionalText_AndSuggestShowsGrantedTitle()
    {
        using var fx = new SearchEngineFixture();
        var hits = fx.Search("“督辦室”").Hits;
        Assert.Contains(hits, h => h.Id == 3);
        var s = fx.Engine.Suggest(fx.Connection, "受限", SearchAccess.For(1, []), 8);
        Assert.Contains(s, x => x.DocumentId == 4);
    }
}
