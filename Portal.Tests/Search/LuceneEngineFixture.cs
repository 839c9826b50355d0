using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;

namespace Portal.Tests.Search;

/// <summary>A Lucene engine over a fresh temporary IndexPath holding <see cref="Docs"/>; the directory goes on dispose.</summary>
public sealed class LuceneEngineFixture : IDisposable
{
    public LuceneEngineFixture() : this(true) { }

    private LuceneEngineFixture(bool fill)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lucene-" + Guid.NewGuid().ToString("N"));
        Engine = Open();
        if (fill) Engine.Apply(Docs, [], 9);
    }

    public static TextAnalysis Analysis { get; } = new(ChineseAnalyzer.Default);
    public string Path { get; }
    public LuceneSearchEngine Engine { get; private set; }

    /// <summary>Another engine on the same IndexPath (a second process, or this one reopened).</summary>
    public LuceneSearchEngine Open() => new(new SearchEngineOptions { IndexPath = Path }, Analysis);

    /// <summary>Closes the engine and opens it again on the same path.</summary>
    public void Reopen()
    {
        Engine.Dispose();
        Engine = Open();
    }

    /// <summary>Another fixture with the same documents (for tests that change the index).</summary>
    public static LuceneEngineFixture Fresh(bool fill = true) => new(fill);

    public static IndexDocument Doc(int id, string title, string body, string type, string? unit, DateOnly? date, IReadOnlyList<string>? access) =>
        new(new IndexKey("document", id), title, body, type, unit, date, access);

    public static readonly IndexDocument[] Docs =
    {
        Doc(1, "关于加强督办工作的通知", "各单位要加强督办工作，对领导批示件实行台账管理。", "通知", "城关区政府办公室", new DateOnly(2023, 3, 1), null),
        Doc(2, "在全市政务信息工作会议上的讲话", "政务信息工作要坚持有情况、有分析、有建议。督办事项要件件有着落。", "讲话", "市政府办公室", new DateOnly(2024, 5, 6), null),
        Doc(3, "政府辦公室主任座談講話", "督辦室要列席政府常務會，各縣區辦公室要做好政務信息報送。", "讲话", "滨江区政府办公室", new DateOnly(2022, 1, 9), null),
        Doc(4, "受限的督办报告", "这是城关区的受限督办材料，只给城关区看。", "报告", "城关区政府办公室", new DateOnly(2024, 7, 1), ["u:1"]),
        Doc(5, "统计公报", "全市增长92.3%，2024年完成目标。信息化建设提速。", "通报", "市统计局", new DateOnly(2024, 2, 1), null),
        Doc(6, "旧的通知", "各单位要加强督办工作，对领导批示件实行台账管理。", "通知", "城关区政府办公室", new DateOnly(2021, 3, 1), null),
        Doc(7, "值班安排", "节假日值班安排如下：严格执行领导带班制度。不涉及检索词。", "通知", null, null, null),
        Doc(8, "新的通知", "各单位要加强督办工作，对领导批示件实行台账管理。", "通知", "城关区政府办公室", new DateOnly(2025, 3, 1), null),
        Doc(9, "节日安排", "节假日安排如下：严格执行领导值班制度。不涉及检索词。", "通知", null, null, null),
    };

    public SearchResults Search(string q, SearchAccess? access = null, SearchSort sort = SearchSort.Relevance, int page = 1,
        DateOnly? from = null, DateOnly? to = null) =>
        Engine.Search(new SearchRequest(QueryParser.Parse(q), access ?? SearchAccess.PublicOnly) { Sort = sort, Page = page, From = from, To = to });

    public void Dispose()
    {
        Engine.Dispose();
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
