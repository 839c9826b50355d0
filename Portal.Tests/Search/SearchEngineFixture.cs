using Microsoft.Data.Sqlite;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

namespace Portal.Tests.Search;

/// <summary>An FTS5 engine on a fresh temporary SQLite file with a handful of documents.</summary>
public sealed class SearchEngineFixture : IDisposable
{
    public string File { get; } = Path.Combine(Path.GetTempPath(), $"search-engine-{Guid.NewGuid():N}.db");
    public Fts5SearchEngine Engine { get; }
    public Highlighter Highlighter { get; }
    public SqliteConnection Connection { get; }

    public SearchEngineFixture()
    {
        var analysis = new TextAnalysis(ChineseAnalyzer.Default);
        Engine = new Fts5SearchEngine(analysis, new SearchEngineOptions());
        Highlighter = new Highlighter(analysis);
        Connection = new SqliteConnection($"Data Source={File};Pooling=False");
        Connection.Open();
        Engine.Index(Connection, null, Docs);
    }

    public static readonly IndexDocument[] Docs =
    {
        new(1, "关于加强督办工作的通知", "各单位要加强督办工作，对领导批示件实行台账管理。", "通知", "城关区政府办公室", new DateOnly(2023, 3, 1), null),
        new(2, "在全市政务信息工作会议上的讲话", "政务信息工作要坚持有情况、有分析、有建议。督办事项要件件有着落。", "讲话", "市政府办公室", new DateOnly(2024, 5, 6), null),
        new(3, "政府辦公室主任座談講話", "督辦室要列席政府常務會，各縣區辦公室要做好政務信息報送。", "讲话", "滨江区政府办公室", new DateOnly(2022, 1, 9), null),
        new(4, "受限的督办报告", "这是城关区的受限督办材料，只给城关区看。", "报告", "城关区政府办公室", new DateOnly(2024, 7, 1), ["u:1"]),
        new(5, "统计公报", "全市增长92.3%，2024年完成目标。信息化建设提速。", "通报", "市统计局", new DateOnly(2024, 2, 1), null),
        new(6, "旧的通知", "各单位要加强督办工作，对领导批示件实行台账管理。", "通知", "城关区政府办公室", new DateOnly(2021, 3, 1), null),
        new(7, "值班安排", "节假日值班安排如下：严格执行领导带班制度。不涉及检索词。", "通知", null, null, null),
        new(8, "新的通知", "各单位要加强督办工作，对领导批示件实行台账管理。", "通知", "城关区政府办公室", new DateOnly(2025, 3, 1), null),
        new(9, "节日安排", "节假日安排如下：严格执行领导值班制度。不涉及检索词。", "通知", null, null, null),
    };

    public SearchResults Search(string q, SearchAccess? access = null, SearchSort sort = SearchSort.Relevance, int page = 1, DateOnly? from = null, DateOnly? to = null) =>
        Engine.Search(Connection, new SearchRequest(QueryParser.Parse(q), access ?? SearchAccess.PublicOnly)
        { Sort = sort, Page = page, From = from, To = to });

    public void Dispose()
    {
        Connection.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.File.Delete(File);
    }
}
