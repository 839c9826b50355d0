using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>What only the PostgreSQL engine has to get right: literals, PostgreSQL's limits, bulk writes, access everywhere.</summary>
[Trait("Provider", "PostgresDirect")] // opens PostgreSQL itself: runs in the first pass, not again in the PostgreSQL pass
public sealed class PgSearchEngineTests : IDisposable
{
    private readonly TextAnalysis _analysis = new(ChineseAnalyzer.Default);
    private PostgresTestDatabase? _database;
    private NpgsqlConnection? _connection;

    private NpgsqlConnection Connection
    {
        get
        {
            if (_connection is not null) return _connection;
            _database = new PostgresTestDatabase();
            _connection = new NpgsqlConnection(_database.ConnectionString);
            _connection.Open();
            return _connection;
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _database?.Dispose();
    }

    private PgSearchEngine Engine(SearchEngineOptions? options = null) => new(_analysis, options ?? new SearchEngineOptions());

    private static LegacySearchResults Search(ILegacySearchEngine e, DbConnection c, string q, SearchAccess? access = null, SearchSort sort = SearchSort.Relevance) =>
        e.Search(c, new SearchRequest(QueryParser.Parse(q), access ?? SearchAccess.PublicOnly) { Sort = sort });

    private static List<int> Ids(LegacySearchResults r) => r.Hits.Select(h => h.Id).ToList();

    private static LegacyIndexDocument Doc(int id, string title, string body, IReadOnlyList<string>? access = null, string type = "通知", DateOnly? date = null) =>
        new(id, title, body, type, "城关区政府办公室", date ?? new DateOnly(2024, 1, 1).AddDays(id % 300), access);

    [Fact]
    public void Literals_QuoteEveryHostileCharacter()
    {
        var v = new PgVectorBuilder();
        v.AddSequence(["it's", @"a\b", "x:y", "p q", "''", @"\'", "!&|<->():*"], 1, 'A');
        Assert.Equal(@"'it''s':1A 'a\\b':2A 'x:y':3A 'p q':4A '''''':5A '\\''':6A '!&|<->():*':7A", v.ToString());
        Assert.Equal("'a':16383", Build(b => b.AddSequence(["a"], 20_000, 'D')));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(PgText.Lexeme(new string('督', 5000))), PgText.MaxLexemeBytes - 2, PgText.MaxLexemeBytes);
        Assert.Equal(new string('x', PgText.MaxLexemeBytes), PgText.Lexeme(new string('x', 5000)));
        Assert.Equal("a\uFFFDb", PgText.Clean("a\ud800\0b"));
    }

    private static string Build(Action<PgVectorBuilder> add) { var b = new PgVectorBuilder(); add(b); return b.ToString(); }

    [PostgresFact]
    public void Literals_RoundTripThroughPostgres()
    {
        string[] tokens = ["it's", @"a\b", "x:y", "p q", "''", @"\'", "!&|<->():*", "督办"];
        var v = new PgVectorBuilder();
        v.AddSequence(tokens, 1, 'B');
        using var cmd = new NpgsqlCommand("SELECT lexeme FROM unnest(@v::tsvector) ORDER BY lexeme", Connection);
        cmd.Parameters.AddWithValue("v", v.ToString());
        var back = new List<string>();
        using (var r = cmd.ExecuteReader()) while (r.Read()) back.Add(r.GetString(0));
        Assert.Equal(tokens.Order(StringComparer.Ordinal), back.Order(StringComparer.Ordinal));
        foreach (var t in tokens)
        {
            using var q = new NpgsqlCommand("SELECT @v::tsvector @@ @q::tsquery", Connection);
            q.Parameters.AddWithValue("v", v.ToString());
            q.Parameters.AddWithValue("q", PgQueryBuilder.Word(t));
            Assert.True((bool)q.ExecuteScalar()!, t);
        }
    }

    [PostgresFact]
    public void HostileText_IsIndexedAndFound_AndAnyQueryRuns()
    {
        var e = Engine();
        e.Index(Connection, null, [
            Doc(1, "it's O'Brien", @"路径 C:\Windows\System32 与 a\b 以及 10:30 会议; 'quoted' \' 结束 <-> & | ! ( ) :* " + new string('x', 3000)),
            Doc(2, "普通", "没有特殊字符的正文。"),
        ]);
        Assert.Contains(1, Ids(Search(e, Connection, "O'Brien")));
        Assert.Contains(1, Ids(Search(e, Connection, @"C:\Windows\System32")));
        Assert.Contains(1, Ids(Search(e, Connection, "10:30")));
        // Beyond the parser's 500 characters: the engine itself cuts a long token the same way in index and query.
        var longToken = new SearchQuery { Required = [new QueryGroup([new QueryTerm(new string('x', 3000), false)])] };
        Assert.Equal([1], Ids(e.Search(Connection, new SearchRequest(longToken, SearchAccess.PublicOnly))));
        string[] hostile = ["'", "''", @"\", @"\'", ":", ":*", "a:*", "&", "|", "!", "<->", "<1>", "(", ")", "a b", "\0", "\ud800", "😀", "督'办", @"督\办",
            new string('x', 5000), new string('督', 600), "a:AB", "'a':*A", "!督办", "督办 & !信息"];
        foreach (var text in hostile)
            foreach (var phrase in new[] { false, true })
            {
                var t = new QueryTerm(text, phrase);
                var q = new SearchQuery { Required = [new QueryGroup([t, new QueryTerm("正文", false)]), new QueryGroup([t])], Excluded = [t], Units = [text], Types = [text] };
                Assert.NotNull(e.Search(Connection, new SearchRequest(q, SearchAccess.For(1, [text]))));
                Assert.NotNull(e.Search(Connection, new SearchRequest(new SearchQuery { Required = [new QueryGroup([t])] }, SearchAccess.PublicOnly)));
                Assert.NotNull(e.Suggest(Connection, text, SearchAccess.PublicOnly, 5));
            }
    }

    [PostgresFact]
    public void LongDocument_BeyondPositionLimit_IsFoundByEveryWord_AndTwoMegabytesIndex()
    {
        var e = Engine();
        var filler = string.Concat(Enumerable.Repeat("各地区各部门要认真落实会议精神，切实抓好各项工作。", 3000)); // ~30,000 words
        var distinct = string.Join(" ", Enumerable.Range(0, 260_000).Select(i => "k" + i.ToString("x6"))); // > 1 MB of distinct tokens
        Assert.True(distinct.Length > 2_000_000);
        e.Index(Connection, null, [
            Doc(1, "长文件", "开头提到加强督办工作。" + filler + "结尾才出现的罕见词语翡翠湖。"),
            Doc(2, "两兆字节", distinct),
            Doc(3, "短文件", "翡翠湖公园的加强督办工作。"),
        ]);
        Assert.Equal([1, 3], Ids(Search(e, Connection, "翡翠湖")).Order());
        Assert.Equal([1, 3], Ids(Search(e, Connection, "\"加强督办工作\"")).Order());
        Assert.Contains(2, Ids(Search(e, Connection, "k000000")));
        Assert.Equal([1, 2, 3], e.IndexedIds(Connection).ToList());
    }

    [PostgresFact]
    public void Phrases_NeedOrderAndAdjacency_WithinTitleOrBody()
    {
        var e = Engine();
        e.Index(Connection, null, [
            Doc(1, "督办工作", "加强督办工作的意见"),
            Doc(2, "工作督办", "督办的工作要加强"),
            Doc(3, "加强督办", "工作安排"), // title ends "督办", body starts "工作": no phrase across them
        ]);
        Assert.Equal([1], Ids(Search(e, Connection, "\"加强督办工作\"")));
        Assert.DoesNotContain(3, Ids(Search(e, Connection, "\"督办工作\"")));
        Assert.Equal([1, 2, 3], Ids(Search(e, Connection, "督办 工作")).Order());
    }

    [PostgresFact]
    public void TraditionalText_FoundBySimplifiedQuery_InBothTiers()
    {
        var e = Engine();
        e.Index(Connection, null, [
            Doc(1, "政府辦公室主任座談講話", "督辦室要列席政府常務會，各縣區辦公室要做好政務信息報送。"),
            Doc(2, "监督办法", "制定监督办法。"), // 督办 only across two words: a bigram (tier 1) match
        ]);
        Assert.Equal([1], Ids(Search(e, Connection, "座谈讲话")));
        Assert.Equal([1], Ids(Search(e, Connection, "\"政务信息报送\"")));
        var hits = Search(e, Connection, "督办").Hits;
        Assert.Equal([1, 2], hits.Select(h => h.Id));
        Assert.Equal([0, 1], hits.Select(h => h.Tier));
        Assert.Contains(e.Suggest(Connection, "座谈", SearchAccess.PublicOnly, 5), s => s.DocumentId == 1);
    }

    [PostgresFact]
    public void RestrictedDocument_NeverShows_ThroughAnyPath()
    {
        var e = Engine(new SearchEngineOptions { CandidateCap = 2, ExactCountLimit = 100 });
        var secret = Doc(10, "机密翡翠计划", "翡翠计划由城关区负责，翡翠计划代号玄武湖。", ["u:1"], type: "报告", date: new DateOnly(2030, 1, 1));
        e.Index(Connection, null, [
            secret,
            Doc(1, "翡翠公园", "公园里的翡翠湖。"), Doc(2, "公园安排", "翡翠湖开放时间。"), Doc(3, "湖边", "翡翠色的湖水。"),
            Doc(-5, "群众来信", "翡翠湖边的路灯坏了。"), Doc(4, "计划安排", "翡翠计划之外的计划。"),
        ]);
        var granted = SearchAccess.For(1, []);
        foreach (var access in new[] { SearchAccess.PublicOnly, SearchAccess.For(2, ["Staff"]) })
        {
            foreach (var q in new[] { "翡翠", "玄武湖", "翡翠计划", "机密", "类型:报告", "年份:2030", "翡 OR 玄武", "翡翠 -公园" })
                foreach (var sort in new[] { SearchSort.Relevance, SearchSort.Date })
                {
                    var r = Search(e, Connection, q, access, sort);
                    Assert.DoesNotContain(10, Ids(r));
                    Assert.DoesNotContain(r.Types, t => t.Value == "报告");
                    Assert.DoesNotContain(r.Years, y => y.Value == "2030");
                }
            Assert.Equal(5, Search(e, Connection, "翡翠", access).Total);
            Assert.Empty(e.Suggest(Connection, "玄武", access, 8));
            Assert.DoesNotContain(e.Suggest(Connection, "翡翠", access, 8), s => s.DocumentId == 10 || s.Text == "机密翡翠计划");
            Assert.DoesNotContain(e.Similar(Connection, Doc(99, "翡翠计划", "翡翠计划 玄武湖 翡翠"), access, 10), h => h.Id == 10);
        }
        Assert.Equal(6, Search(e, Connection, "翡翠", granted).Total);
        Assert.Contains(10, Ids(Search(e, Connection, "玄武湖", granted)));
        Assert.Contains(e.Suggest(Connection, "翡翠", granted, 8), s => s.DocumentId == 10);
        Assert.Contains(e.Similar(Connection, Doc(99, "翡翠计划", "翡翠计划 玄武湖"), granted, 10), h => h.Id == 10);
        Assert.Contains(10, Ids(Search(e, Connection, "类型:报告", SearchAccess.Everything)));
    }

    [PostgresFact]
    public void BulkWrite_TwentyThousandDocuments_ThenSearch()
    {
        var e = Engine();
        var docs = Enumerable.Range(1, 20_000).Select(i => Doc(i, $"第{i}号通知", i % 100 == 0 ? "请做好防汛抗旱工作。" : $"常规事项第{i}项，按计划推进。",
            access: i % 1000 == 0 ? ["u:7"] : null, type: i % 2 == 0 ? "通知" : "通报")).ToList();
        using (var tx = Connection.BeginTransaction())
        {
            foreach (var chunk in docs.Chunk(2500)) e.Write(Connection, tx, e.Prepare(chunk));
            tx.Commit();
        }
        e.Optimize(Connection);
        Assert.Equal(20_000, e.IndexedIds(Connection).Count());
        var flood = Search(e, Connection, "防汛抗旱");
        Assert.Equal(180, flood.Total); // 200 match, 20 of them restricted
        Assert.False(flood.TotalIsLowerBound);
        Assert.Equal(200, Search(e, Connection, "防汛抗旱", SearchAccess.Everything).Total);
        var common = Search(e, Connection, "推进");
        Assert.True(common.TotalIsLowerBound);
        Assert.Equal(1000, common.Total);
        Assert.Equal(300, common.FacetsOfTop);
        Assert.Equal([12_345], Ids(Search(e, Connection, "第12345号通知")).Take(1));
        // Replacing in bulk keeps one entry per id.
        e.Write(Connection, null, e.Prepare(docs.Take(10).Select(d => d with { Body = "改写后的正文" }).ToList()));
        Assert.Equal(10, Search(e, Connection, "改写后的正文").Total);
        Assert.Equal(20_000, e.IndexedIds(Connection).Count());
    }

    [PostgresFact]
    public void SameResultsAsFts5_ForTheSameIndex()
    {
        var options = new SearchEngineOptions { CandidateCap = 7, ExactCountLimit = 25, ImpactListSize = 0 };
        var pg = Engine(options);
        var file = Path.Combine(Path.GetTempPath(), $"pg-vs-fts5-{Guid.NewGuid():N}.db");
        try
        {
            using var sqlite = new SqliteConnection($"Data Source={file};Pooling=False");
            sqlite.Open();
            var fts5 = new Fts5SearchEngine(_analysis, options);
            var filler = "各地区各部门要认真落实会议精神，切实抓好各项工作。";
            var docs = Enumerable.Range(-10, 70).Where(i => i != 0).Select(i => new LegacyIndexDocument(i,
                i % 7 == 0 ? $"关于督办事项的通知（第{i}号）" : $"工作简报第{i}期",
                string.Concat(Enumerable.Repeat(filler, 1 + Math.Abs(i) % 3)) + (i % 3 == 0 ? "督办工作要落实。" : "") + (i % 5 == 0 ? "制定监督办法。" : ""),
                i % 2 == 0 ? "通知" : "简报", i % 4 == 0 ? "城关区政府办公室" : "滨江区政府办公室",
                i % 6 == 0 ? null : new DateOnly(2020 + Math.Abs(i) % 5, 1 + Math.Abs(i) % 12, 1), i % 9 == 0 ? ["u:1"] : null)).ToList();
            fts5.Index(sqlite, null, docs);
            pg.Index(Connection, null, docs);
            foreach (var q in new[] { "督办", "督办 落实", "督办 -落实", "\"督办工作\"", "简报 OR 通知", "类型:通知", "督办 单位:城关", "年份:2022 督办", "工作", "会议精神", "监督" })
                foreach (var access in new[] { SearchAccess.PublicOnly, SearchAccess.For(1, []), SearchAccess.Everything })
                    for (var page = 1; page <= 2; page++)
                    {
                        var request = new SearchRequest(QueryParser.Parse(q), access) { Sort = SearchSort.Date, Page = page, PageSize = 5 };
                        var a = fts5.Search(sqlite, request);
                        var b = pg.Search(Connection, request);
                        // Beyond the cap FTS5 fills its candidate window before the access check (hidden documents take
                        // slots); PostgreSQL checks access in the scan. So past the cap, only unrestricted searches compare.
                        if (!access.All && fts5.Search(sqlite, request with { Access = SearchAccess.Everything }).Total > options.CandidateCap)
                            continue;
                        var what = $"{q} / {access} / page {page}";
                        Assert.True(a.Hits.Select(h => h.Id).SequenceEqual(b.Hits.Select(h => h.Id)), what + ": " + string.Join(",", Ids(a)) + " vs " + string.Join(",", Ids(b)));
                        Assert.Equal((a.Total, a.TotalIsLowerBound, a.FacetsOfTop), (b.Total, b.TotalIsLowerBound, b.FacetsOfTop));
                        Assert.Equal(a.Types, b.Types);
                        Assert.Equal(a.Units, b.Units);
                        Assert.Equal(a.Years, b.Years);
                        Assert.Equal(a.Hits.Select(h => h.Tier), b.Hits.Select(h => h.Tier));
                    }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [PostgresFact]
    public void TablesCreatedInARolledBackTransaction_AreCreatedAgain_AndOptimizeRefusesATransaction()
    {
        var e = Engine();
        using (var tx = Connection.BeginTransaction())
        {
            e.Index(Connection, tx, [Doc(1, "督办", "督办事项")]);
            tx.Rollback();
        }
        Assert.Empty(e.IndexedIds(Connection));
        e.Index(Connection, null, [Doc(2, "督办", "督办事项")]);
        Assert.Equal([2], Ids(Search(e, Connection, "督办")));
        using (Connection.BeginTransaction())
            Assert.Contains("transaction", Assert.Throws<InvalidOperationException>(() => e.Optimize(Connection)).Message);
        e.Optimize(Connection);
        Assert.Equal([2], Ids(Search(e, Connection, "督办")));
    }

    [Fact]
    public void OtherConnections_AreRefusedClearly()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        var ex = Assert.Throws<ArgumentException>(() => Engine().Search(c, new SearchRequest(QueryParser.Parse("督办"), SearchAccess.PublicOnly)));
        Assert.Contains("NpgsqlConnection", ex.Message);
    }
}
