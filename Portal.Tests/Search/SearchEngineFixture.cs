using System.Data.Common;
using Npgsql;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>A search engine on a fresh database with a handful of documents: FTS5 on a SQLite file, or PostgreSQL.</summary>
public abstract class SearchEngineFixture : IDisposable
{
    private ILegacySearchEngine? _engine;
    private DbConnection? _connection;

    public TextAnalysis Analysis { get; } = new(ChineseAnalyzer.Default);
    public Highlighter Highlighter => new(Analysis);
    public ILegacySearchEngine Engine => Ready()._engine!;
    public DbConnection Connection => Ready()._connection!;

    /// <summary>The engine and its open, empty database.</summary>
    protected abstract (ILegacySearchEngine Engine, DbConnection Connection) Open();

    /// <summary>Another fixture of the same kind (for tests that change the index).</summary>
    public abstract SearchEngineFixture Fresh();

    /// <summary>Created on first use: a PostgreSQL fixture of a skipped class never needs a server.</summary>
    private SearchEngineFixture Ready()
    {
        if (_engine is null)
        {
            (_engine, _connection) = Open();
            _engine.Index(_connection, null, Docs);
        }
        return this;
    }

    public static readonly LegacyIndexDocument[] Docs =
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

    public LegacySearchResults Search(string q, SearchAccess? access = null, SearchSort sort = SearchSort.Relevance, int page = 1, DateOnly? from = null, DateOnly? to = null) =>
        Engine.Search(Connection, new SearchRequest(QueryParser.Parse(q), access ?? SearchAccess.PublicOnly)
        { Sort = sort, Page = page, From = from, To = to });

    public virtual void Dispose()
    {
        _connection?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>FTS5 on a fresh temporary SQLite file.</summary>
public sealed class Fts5EngineFixture : SearchEngineFixture
{
    private readonly TempSqliteFile _file = new("search-engine");

    public new Fts5SearchEngine Engine => (Fts5SearchEngine)base.Engine;

    protected override (ILegacySearchEngine, DbConnection) Open()
    {
        return (new Fts5SearchEngine(Analysis, new SearchEngineOptions()), _file.Open());
    }

    public override SearchEngineFixture Fresh() => new Fts5EngineFixture();

    public override void Dispose()
    {
        base.Dispose();
        _file.Dispose();
    }
}

/// <summary>PostgreSQL on a fresh test database (<see cref="PostgresTestDatabase"/>).</summary>
public sealed class PgEngineFixture : SearchEngineFixture
{
    private PostgresTestDatabase? _database;

    public new PgSearchEngine Engine => (PgSearchEngine)base.Engine;
    public new NpgsqlConnection Connection => (NpgsqlConnection)base.Connection;

    protected override (ILegacySearchEngine, DbConnection) Open()
    {
        _database = new PostgresTestDatabase();
        var c = new NpgsqlConnection(_database.ConnectionString);
        c.Open();
        return (new PgSearchEngine(Analysis, new SearchEngineOptions()), c);
    }

    public override SearchEngineFixture Fresh() => new PgEngineFixture();

    public override void Dispose()
    {
        base.Dispose();
        _database?.Dispose();
    }
}
