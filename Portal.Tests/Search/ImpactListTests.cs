using Microsoft.Data.Sqlite;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

namespace Portal.Tests.Search;

/// <summary>
/// Frequent words are served from impact lists. Every test compares the listed engine with an engine that scores
/// every match (no lists, no cap) on the same index: pages, order and totals must be the same.
/// </summary>
[Trait("Provider", "SqliteOnly")]
public sealed class ImpactListTests : IDisposable
{
    private readonly TempSqliteFile _file = new("impact");
    private readonly SqliteConnection _c;
    private readonly Fts5SearchEngine _listed;
    private readonly Fts5SearchEngine _exact;

    public ImpactListTests()
    {
        var analysis = new TextAnalysis(ChineseAnalyzer.Default);
        _listed = new Fts5SearchEngine(analysis, new SearchEngineOptions { ImpactMinDocs = 5, ImpactListSize = 12, CandidateCap = 12 });
        _exact = new Fts5SearchEngine(analysis, new SearchEngineOptions { ImpactListSize = 0, CandidateCap = 100_000, ExactCountLimit = 100_000 });
        _c = _file.Open();
        _listed.Index(_c, null, Corpus().ToList());
        _listed.Optimize(_c);
    }

    /// <summary>Sixty documents: the word 督办 in titles or bodies, once or several times, in texts of many lengths;
    /// some hold its characters only across two words (监督办法), which rank below every word match.</summary>
    private static IEnumerable<LegacyIndexDocument> Corpus()
    {
        var filler = "各地区各部门要认真落实会议精神，切实抓好各项工作。";
        for (var i = 1; i <= 60; i++)
        {
            var title = i % 7 == 0 ? $"关于督办事项的通知（第{i}号）" : $"工作简报第{i}期";
            var body = string.Concat(Enumerable.Repeat(filler, 1 + i % 5)) +
                       (i % 3 == 0 ? "督办工作要落实。" : "") + (i % 4 == 0 ? "督办督办，再次督办。" : "") + (i % 5 == 0 ? "制定监督办法。" : "");
            yield return new LegacyIndexDocument(i, title, body, i % 2 == 0 ? "通知" : "简报", i % 2 == 0 ? "城关区政府办公室" : "滨江区政府办公室",
                new DateOnly(2020 + i % 5, 1 + i % 12, 1), null);
        }
    }

    private LegacySearchResults Run(Fts5SearchEngine engine, string q, SearchAccess? access = null, int page = 1, int size = 5) =>
        engine.Search(_c, new SearchRequest(QueryParser.Parse(q), access ?? SearchAccess.PublicOnly) { Page = page, PageSize = size });

    private void AssertSame(string q, SearchAccess? access = null, int page = 1, int size = 5)
    {
        var listed = Run(_listed, q, access, page, size);
        var exact = Run(_exact, q, access, page, size);
        Assert.NotNull(listed.FacetsOfTop); // served from the list
        Assert.Equal(exact.Hits.Select(h => h.Id), listed.Hits.Select(h => h.Id));
        Assert.Equal(exact.Total, listed.Total);
        Assert.False(listed.TotalIsLowerBound);
        for (var i = 0; i < exact.Hits.Count; i++) Assert.Equal(exact.Hits[i].Score, listed.Hits[i].Score, 6);
    }

    [Fact]
    public void FrequentWord_FirstPages_SameAsScoringEveryMatch()
    {
        AssertSame("督办");
        AssertSame("督办", page: 2);
        AssertSame("督辦"); // Traditional query, same word
    }

    [Fact]
    public void PageBeyondTheList_IsScoredAsUsual()
    {
        var first = Run(_listed, "督办").Hits.Select(h => h.Id).ToList();
        var r = Run(_listed, "督办", page: 5, size: 5);
        Assert.Equal(5, r.Hits.Count);
        Assert.Empty(r.Hits.Select(h => h.Id).Intersect(first));
    }

    [Fact]
    public void DocumentWrittenAfterTheBuild_ThatScoresBetter_IsListed()
    {
        _listed.Index(_c, null, [new LegacyIndexDocument(100, "督办", "督办督办。", "通知", null, new DateOnly(2026, 1, 1), null)]);
        Assert.Equal(100, Run(_listed, "督办").Hits[0].Id);
        AssertSame("督办");
    }

    [Fact]
    public void RemovedOrRewrittenDocuments_LeaveTheList()
    {
        var top = Run(_exact, "督办").Hits.Select(h => h.Id).ToList();
        _listed.Remove(_c, null, [top[0]]);
        _listed.Index(_c, null, [new LegacyIndexDocument(top[1], "改写后的标题", "内容已经不含那个词。", "通知", null, new DateOnly(2026, 1, 1), null)]);
        var ids = Run(_listed, "督办").Hits.Select(h => h.Id).ToList();
        Assert.DoesNotContain(top[0], ids);
        Assert.DoesNotContain(top[1], ids);
        AssertSame("督办");
    }

    [Fact]
    public void RestrictedDocument_InTheList_OnlyForItsUnit_AndNotCounted()
    {
        _listed.Index(_c, null, [new LegacyIndexDocument(200, "督办", "督办督办督办。", "报告", null, new DateOnly(2026, 2, 1), ["u:1"])]);
        var others = Run(_listed, "督办", SearchAccess.For(2, ["Liaison"]));
        Assert.DoesNotContain(200, others.Hits.Select(h => h.Id));
        AssertSame("督办", SearchAccess.For(2, ["Liaison"]));
        var unit = Run(_listed, "督办", SearchAccess.For(1, ["Liaison"]));
        Assert.Equal(200, unit.Hits[0].Id);
        Assert.Equal(others.Total + 1, unit.Total);
        AssertSame("督办", SearchAccess.For(1, ["Liaison"]));
    }

    [Fact]
    public void Rebuild_ClearsAndRebuildsTheLists()
    {
        _listed.Clear(_c);
        Assert.Empty(Run(_listed, "督办").Hits);
        _listed.Index(_c, null, Corpus().ToList());
        _listed.Optimize(_c);
        AssertSame("督办");
    }

    [Fact]
    public void SlicedBuild_OneWordPerTransaction_SameListsAndResults()
    {
        var whole = Lists();
        var sliced = new Fts5SearchEngine(new TextAnalysis(ChineseAnalyzer.Default),
            new SearchEngineOptions { ImpactMinDocs = 5, ImpactListSize = 12, CandidateCap = 12, ImpactSliceTime = TimeSpan.Zero });
        sliced.Optimize(_c);
        Assert.True(whole.Select(e => e.Term).Distinct().Count() > 3); // several words, so several slices
        Assert.Equal(whole, Lists());
        foreach (var q in new[] { "督办", "落实", "工作" }) AssertSame(q);
    }

    [Fact]
    public void InMemoryDatabase_ScoredOnItsOwnConnection_SameLists()
    {
        // A database file gets its lists scored on a second connection while the first writes them; an in-memory
        // database, which no other connection can open, is scored on its own connection, word after word.
        using var memory = new SqliteConnection("Data Source=:memory:");
        memory.Open();
        var engine = new Fts5SearchEngine(new TextAnalysis(ChineseAnalyzer.Default),
            new SearchEngineOptions { ImpactMinDocs = 5, ImpactListSize = 12, CandidateCap = 12, ImpactSliceTime = TimeSpan.Zero });
        engine.Index(memory, null, Corpus().ToList());
        engine.Optimize(memory);
        Assert.NotEmpty(Lists(memory));
        Assert.Equal(Lists(), Lists(memory));
    }

    [Fact]
    public void ListedRows_CarryTheirDocumentsFieldsAndAccess_AfterBuildAndWrites()
    {
        Assert.Equal(0, RowsUnlikeTheirDocument());
        _listed.Index(_c, null,
        [
            new LegacyIndexDocument(300, "督办", "督办督办督办。", "报告", "新成立的督查室", new DateOnly(2026, 3, 1), ["u:2", "r:Leader"]),
            new LegacyIndexDocument(7, "督办专报", "督办督办。", "简报", null, null, null), // rewritten: new type, no unit, no date
        ]);
        Assert.True(Count($"SELECT count(*) FROM {ImpactLists.Table} WHERE id IN (7, 300)") >= 2);
        Assert.Equal(0, RowsUnlikeTheirDocument());
        var leader = Run(_listed, "督办", SearchAccess.For(9, ["Leader"]), size: 20);
        Assert.Contains(leader.Units, f => f.Value == "新成立的督查室");
        Assert.DoesNotContain(Run(_listed, "督办", SearchAccess.For(9, ["Liaison"]), size: 20).Units, f => f.Value == "新成立的督查室");
        AssertSame("督办", SearchAccess.For(9, ["Leader"]));
    }

    [Fact]
    public void ListsOfAnOlderIndex_WithoutFields_AreDroppedAndRebuiltByOptimize()
    {
        using (var cmd = _c.CreateCommand())
        {
            cmd.CommandText = $"DROP TABLE {ImpactLists.Table}; CREATE TABLE {ImpactLists.Table} (term TEXT NOT NULL, score REAL NOT NULL, " +
                              "id INTEGER NOT NULL, PRIMARY KEY (term, score, id)) WITHOUT ROWID; " +
                              $"INSERT INTO {ImpactLists.Table} VALUES ('督办', -9, 1)";
            cmd.ExecuteNonQuery();
        }
        var upgraded = new Fts5SearchEngine(new TextAnalysis(ChineseAnalyzer.Default), new SearchEngineOptions { ImpactMinDocs = 5, ImpactListSize = 12, CandidateCap = 12 });
        var before = upgraded.Search(_c, new SearchRequest(QueryParser.Parse("督办"), SearchAccess.PublicOnly) { PageSize = 5 });
        Assert.Null(before.FacetsOfTop); // no list: scored by FTS5
        Assert.Equal(5, before.Hits.Count);
        upgraded.Optimize(_c);
        Assert.NotNull(upgraded.Search(_c, new SearchRequest(QueryParser.Parse("督办"), SearchAccess.PublicOnly) { PageSize = 5 }).FacetsOfTop);
        Assert.Equal(0, RowsUnlikeTheirDocument());
        AssertSame("督办");
    }

    /// <summary>List rows whose packed fields or access differ from their document's row in search_meta.</summary>
    private long RowsUnlikeTheirDocument() =>
        Count($"SELECT count(*) FROM {ImpactLists.Table} i JOIN search_meta m ON m.id = i.id " +
              $"WHERE i.fields IS NOT ({SearchCandidates.SqlitePackedFields}) OR i.access IS NOT m.access");

    private long Count(string sql)
    {
        using var cmd = _c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void DocumentSizes_AreSqliteVarints()
    {
        Assert.Equal(5 + 128 + 2, ImpactBuild.Sizes([0x05, 0x81, 0x00, 0x02]));
        Assert.Equal(0, ImpactBuild.Sizes([]));
    }

    private List<(string Term, long Id, double Score)> Lists(SqliteConnection? c = null)
    {
        using var cmd = (c ?? _c).CreateCommand();
        cmd.CommandText = $"SELECT term, id, score FROM {ImpactLists.Table} ORDER BY term, id";
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, long, double)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetInt64(1), r.GetDouble(2)));
        return rows;
    }

    public void Dispose()
    {
        _c.Dispose();
        _file.Dispose();
    }
}
