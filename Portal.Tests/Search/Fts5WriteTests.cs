using Microsoft.Data.Sqlite;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

namespace Portal.Tests.Search;

/// <summary>How the FTS5 engine writes: a batch of documents reaches the index as one segment, not one per document.</summary>
[Trait("Provider", "SqliteOnly")]
public sealed class Fts5WriteTests : IDisposable
{
    private readonly TempSqliteFile _file = new("fts5-write");
    private readonly SqliteConnection _c;
    private readonly Fts5SearchEngine _engine = new(new TextAnalysis(ChineseAnalyzer.Default));

    public Fts5WriteTests()
    {
        _c = _file.Open();
    }

    [Fact]
    public void ThousandDocumentsInOneTransaction_AreFlushedOnce()
    {
        var docs = Enumerable.Range(1, 1000)
            .Select(i => new LegacyIndexDocument(i, $"督办通知{i}", $"第{i}号督办事项已办结。", "通知", "城关区政府办公室", new DateOnly(2024, 1, 1), null))
            .ToList();
        using (var tx = _c.BeginTransaction())
        {
            _engine.Index(_c, tx, docs);
            tx.Commit();
        }

        // FTS5 counts the leaf pages it has written to new segments (the structure record's write counter). A
        // statement savepoint between documents (INSERT OR REPLACE did that) flushed each document on its own:
        // at least one leaf per document, 1,000 or more here. Written together, the batch takes a few leaves.
        Assert.InRange(LeavesWritten(), 1, 50);
        var r = _engine.Search(_c, new SearchRequest(QueryParser.Parse("督办"), SearchAccess.PublicOnly) { PageSize = 10 });
        Assert.Equal(1000, r.Total);
        Assert.Equal(1000, _engine.IndexedIds(_c).Count());
    }

    /// <summary>The write counter of the FTS5 structure record (%_data row 10; fts5_index.c describes the format:
    /// a 4-byte cookie, on V2 records the marker FF 00 00 01, then varints: levels, segments, write counter).</summary>
    private long LeavesWritten()
    {
        using var cmd = _c.CreateCommand();
        cmd.CommandText = "SELECT block FROM search_fts_data WHERE id = 10";
        var record = (byte[])cmd.ExecuteScalar()!;
        var at = 4;
        if (record.Length >= 8 && record[4] == 0xFF && record[5] == 0 && record[6] == 0 && record[7] == 1) at = 8;
        ImpactBuild.Varint(record, ref at); // levels
        ImpactBuild.Varint(record, ref at); // segments
        return ImpactBuild.Varint(record, ref at);
    }

    public void Dispose()
    {
        _c.Dispose();
        _file.Dispose();
    }
}
