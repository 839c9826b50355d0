using Portal.Indexing.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>The FTS5 engine against the shared contract.</summary>
[Trait("Provider", "SqliteOnly")]
public sealed class Fts5SearchEngineTests(Fts5EngineFixture f) : SearchEngineContractTests<Fts5EngineFixture>(f), IClassFixture<Fts5EngineFixture>;

/// <summary>The PostgreSQL engine against the shared contract (skipped without PORTAL_TEST_POSTGRES).</summary>
[Trait("Provider", "PostgresDirect")] // opens PostgreSQL itself: runs in the first pass, not again in the PostgreSQL pass
public sealed class PgSearchEngineContractTests(PgEngineFixture f)
    : SearchEngineContractTests<PgEngineFixture>(f), IClassFixture<PgEngineFixture>, IPostgresTests;

/// <summary>
/// What every engine must do, on the same documents (<see cref="SearchEngineFixture.Docs"/>): each engine's subclass
/// runs these bodies on its own database.
/// </summary>
public abstract class SearchEngineContractTests<TFixture>(TFixture f) where TFixture : SearchEngineFixture
{
    private static List<int> Ids(LegacySearchResults r) => r.Hits.Select(h => h.Id).ToList();

    [EngineFact]
    public void Word_FindsDocumentsContainingIt()
    {
        var ids = Ids(f.Search("督办"));
        Assert.Contains(1, ids);
        Assert.Contains(2, ids);
        Assert.DoesNotContain(7, ids);
    }

    [EngineFact]
    public void TraditionalQuery_FindsSimplifiedText_AndSimplifiedFindsTraditional()
    {
        Assert.Contains(1, Ids(f.Search("督辦")));
        Assert.Contains(3, Ids(f.Search("督办")));
        Assert.Contains(3, Ids(f.Search("讲话")));
    }

    [EngineFact]
    public void AllWordsMustMatch()
    {
        var ids = Ids(f.Search("督办 政务信息"));
        Assert.Contains(2, ids);
        Assert.DoesNotContain(1, ids);
    }

    [EngineFact]
    public void Or_MatchesEither()
    {
        var ids = Ids(f.Search("台账 OR 值班"));
        Assert.Contains(1, ids);
        Assert.Contains(7, ids);
        Assert.DoesNotContain(2, ids);
    }

    [EngineFact]
    public void Exclusion_RemovesDocuments()
    {
        var ids = Ids(f.Search("督办 -台账"));
        Assert.Contains(2, ids);
        Assert.DoesNotContain(1, ids);
        Assert.DoesNotContain(6, ids);
    }

    [EngineFact]
    public void Phrase_MatchesExactSequenceOnly()
    {
        Assert.Contains(1, Ids(f.Search("\"加强督办工作\"")));
        Assert.DoesNotContain(2, Ids(f.Search("\"督办工作\"")));
    }

    [EngineFact]
    public void Numbers_StaySingleTokens()
    {
        Assert.Equal([5], Ids(f.Search("92.3%")));
        Assert.Equal([5], Ids(f.Search("2024年")));
    }

    [EngineFact]
    public void Filters_TypeUnitYear_AndDateRange()
    {
        Assert.All(f.Search("督办 类型:讲话").Hits, h => Assert.Equal("讲话", h.DocType));
        Assert.Equal([3], Ids(f.Search("督办 单位:滨江")));
        Assert.Equal([2], Ids(f.Search("督办 年份:2024")));
        Assert.Equal([2], Ids(f.Search("督办", from: new DateOnly(2024, 1, 1), to: new DateOnly(2024, 12, 31))));
        Assert.Equal([2, 3], Ids(f.Search("类型:讲话", sort: SearchSort.Date)));
    }

    [EngineFact]
    public void RestrictedDocument_OnlyForGrantedUnit()
    {
        Assert.DoesNotContain(4, Ids(f.Search("受限")));
        Assert.Empty(f.Search("受限").Hits);
        Assert.Equal([4], Ids(f.Search("受限", SearchAccess.For(1, []))));
        Assert.Empty(f.Search("受限", SearchAccess.For(2, ["Staff"])).Hits);
        Assert.Equal([4], Ids(f.Search("受限", SearchAccess.Everything)));
    }

    [EngineFact]
    public void Facets_CountTypesUnitsYears()
    {
        var r = f.Search("督办");
        Assert.Equal(r.Total, r.Types.Sum(t => t.Count));
        Assert.Contains(r.Types, t => t.Value == "讲话" && t.Count == 2);
        Assert.Contains(r.Years, y => y.Value == "2024" && y.Count == 1);
        Assert.DoesNotContain(r.Types, t => t.Value == "报告");
    }

    [EngineFact]
    public void Ranking_TitleAboveBody()
    {
        var ids = Ids(f.Search("值班"));
        Assert.Equal([7, 9], ids);
    }

    [EngineFact]
    public void Ranking_TiesGoToNewerDocument()
    {
        var ids = Ids(f.Search("台账"));
        Assert.True(ids.IndexOf(8) < ids.IndexOf(6), string.Join(",", ids));
    }

    [EngineFact]
    public void SortByDate_NewestFirst()
    {
        var hits = f.Search("督办", sort: SearchSort.Date).Hits;
        Assert.Equal(hits.OrderByDescending(h => h.Date).Select(h => h.Id), hits.Select(h => h.Id));
    }

    [EngineTheory]
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

    [EngineFact]
    public void VeryLongQuery_NeverThrows()
    {
        Assert.NotNull(f.Search(string.Concat(Enumerable.Repeat("督办 信息 \"( * ", 2000))));
        Assert.NotNull(f.Search(new string('督', 10_000)));
    }

    [EngineFact]
    public void Suggest_TitlesAndTerms_RespectAccess()
    {
        var s = f.Engine.Suggest(f.Connection, "督办", SearchAccess.PublicOnly, 8);
        Assert.Contains(s, x => x.Kind == "title" && x.DocumentId == 1);
        Assert.DoesNotContain(s, x => x.DocumentId == 4);
        var restricted = f.Engine.Suggest(f.Connection, "受限", SearchAccess.PublicOnly, 8);
        Assert.Empty(restricted);
    }

    [EngineFact]
    public void Similar_FindsDocumentsSharingWords_RespectsAccess()
    {
        var similar = f.Engine.Similar(f.Connection, SearchEngineFixture.Docs[0], SearchAccess.PublicOnly, 5);
        Assert.Contains(similar, h => h.Id == 6);
        Assert.DoesNotContain(similar, h => h.Id == 1 || h.Id == 4);
    }

    [EngineFact]
    public void Remove_TakesDocumentOutOfIndex()
    {
        using var fx = f.Fresh();
        fx.Engine.Remove(fx.Connection, null, [2]);
        Assert.DoesNotContain(2, Ids(fx.Search("政务信息")));
        Assert.DoesNotContain(2, fx.Engine.IndexedIds(fx.Connection));
        fx.Engine.Index(fx.Connection, null, [SearchEngineFixture.Docs[1] with { Title = "改过的标题", Body = "值班" }]);
        Assert.Contains(2, Ids(fx.Search("值班")));
        Assert.DoesNotContain(2, Ids(fx.Search("政务信息")));
    }

    [EngineFact]
    public void QuotedTraditionalPhrase_FindsTraditionalText_AndSuggestShowsGrantedTitle()
    {
        using var fx = f.Fresh();
        var hits = fx.Search("“督辦室”").Hits;
        Assert.Contains(hits, h => h.Id == 3);
        var s = fx.Engine.Suggest(fx.Connection, "受限", SearchAccess.For(1, []), 8);
        Assert.Contains(s, x => x.DocumentId == 4);
    }

    [EngineFact]
    public void EveryHit_CarriesItsOwnTitle_OnEveryPath()
    {
        var titles = SearchEngineFixture.Docs.ToDictionary(d => d.Id, d => d.Title);
        foreach (var (q, sort) in new[]
                 {
                     ("督办", SearchSort.Relevance), ("督办", SearchSort.Date), // words
                     ("办工", SearchSort.Relevance),                             // bigrams only (督办工作)
                     ("类型:通知", SearchSort.Relevance),                        // filters only
                     ("讲话 OR 值班", SearchSort.Relevance),
                 })
        {
            var hits = f.Search(q, sort: sort).Hits;
            Assert.NotEmpty(hits);
            Assert.All(hits, h => Assert.Equal(titles[h.Id], h.Title));
        }
    }

    [EngineFact]
    public void ReindexedDocument_IsOneEntry_WithItsNewTitle()
    {
        using var fx = f.Fresh();
        fx.Engine.Index(fx.Connection, null, [SearchEngineFixture.Docs[0] with { Title = "督办新标题" }]);
        fx.Engine.Index(fx.Connection, null, [SearchEngineFixture.Docs[0] with { Title = "督办新标题" }]);
        var hits = fx.Search("督办").Hits.Where(h => h.Id == 1).ToList();
        Assert.Equal("督办新标题", Assert.Single(hits).Title);
        Assert.Equal(SearchEngineFixture.Docs.Length, fx.Engine.IndexedIds(fx.Connection).Count());
    }
}
