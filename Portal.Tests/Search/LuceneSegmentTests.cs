using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;

namespace Portal.Tests.Search;

/// <summary>
/// What keeps queries fast: few segments (a bulk load is merged into one), and the shown fields read from doc values,
/// with the stored fields as the fallback for segments written before.
/// </summary>
public sealed class LuceneSegmentTests
{
    private static int Segments(LuceneSearchEngine engine)
    {
        var (searcher, release) = engine.AcquireSearcher();
        try { return searcher.IndexReader.Leaves.Count; }
        finally { release(); }
    }

    private static IndexDocument Numbered(int id) =>
        LuceneEngineFixture.Doc(id, $"第{id}号督办通知", $"督办事项第{id}项，请各单位落实。", "通知", "市政府办公室", new DateOnly(2024, 1, 1 + id % 28), null);

    [Fact]
    public void Compact_MergesSmallCommits_IntoOneSegment_AndKeepsEveryEntry()
    {
        using var f = LuceneEngineFixture.Fresh(fill: false);
        // Each Apply commits its own segment; the merge policy leaves a few of them.
        for (var i = 1; i <= 12; i++) f.Engine.Apply([Numbered(i)], [], i);
        f.Engine.ApplyBulk(Enumerable.Range(13, 3000).Select(Numbered), 20);
        Assert.True(Segments(f.Engine) > 1);
        var before = f.Search("督办").Total;

        f.Engine.Compact();

        Assert.Equal(1, Segments(f.Engine));
        Assert.Equal(3012, before);
        Assert.Equal(before, f.Search("督办").Total);
        Assert.Equal(20, f.Engine.AppliedChange);
        f.Reopen();
        Assert.Equal(1, Segments(f.Engine)); // committed
        Assert.Equal(3012, f.Engine.Count);
    }

    [Fact]
    public void Rebuild_IsCompacted_BeforeItIsSwappedIn()
    {
        using var f = LuceneEngineFixture.Fresh(fill: false);
        using (var rebuild = f.Engine.BeginRebuild())
        {
            foreach (var chunk in Enumerable.Range(1, 3000).Select(Numbered).Chunk(500)) rebuild.Add(chunk);
            rebuild.Compact();
            rebuild.Complete(7);
        }
        Assert.Equal(1, Segments(f.Engine));
        Assert.Equal(3000, f.Search("督办").Total);
    }

    [Fact]
    public void Hits_ShowTheSameFields_FromDocValues_AndFromSegmentsWrittenBeforeThem()
    {
        using var f = LuceneEngineFixture.Fresh(fill: false);
        var doc = LuceneEngineFixture.Doc(1, "关于督办工作的通知", "各单位要加强督办工作。", "通知", "城关区政府办公室", new DateOnly(2023, 3, 1), null)
            with { SourceFile = "2023年汇编.docx", Part = 3, Version = 5 };
        f.Engine.Apply([doc], [], 5);
        var current = Assert.Single(f.Search("督办").Hits);

        // The same entry as an index of the first Lucene schema wrote it: the body stored, no title, source-file or part doc values.
        f.Engine.Dispose();
        var path = System.IO.Path.Combine(f.Path, File.ReadAllText(System.IO.Path.Combine(f.Path, "current")).Trim());
        using (var analyzer = LuceneAnalyzers.Create(new SearchEngineOptions { IndexPath = f.Path }, LuceneEngineFixture.Analysis))
        using (var dir = FSDirectory.Open(path))
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { OpenMode = OpenMode.CREATE }))
        {
            var full = LuceneFields.ToDocument(doc, LuceneEngineFixture.Analysis.Analyzer.Normalize);
            var old = new Document();
            foreach (var field in full.Fields)
                if (field is BinaryDocValuesField && field.Name == LuceneFields.Body) old.Add(new StoredField(LuceneFields.Body, doc.Body));
                else if (!(field is BinaryDocValuesField && field.Name is LuceneFields.Title or LuceneFields.SourceFile
                           || field is NumericDocValuesField && field.Name == LuceneFields.Part))
                    old.Add(field);
            writer.AddDocument(old);
            writer.SetCommitData(new Dictionary<string, string> { [LiveIndex.ChangeKey] = "5" });
            writer.Commit();
        }
        f.Reopen();
        var older = Assert.Single(f.Search("督办").Hits);

        Assert.Equal((doc.Key, doc.Title, doc.DocType, doc.Unit, doc.Date, doc.SourceFile, doc.Part),
            (current.Key, current.Title, current.DocType, current.Unit, current.Date, current.SourceFile, current.Part));
        Assert.Equal((current.Key, current.Title, current.DocType, current.Unit, current.Date, current.SourceFile, current.Part, current.SnippetHtml),
            (older.Key, older.Title, older.DocType, older.Unit, older.Date, older.SourceFile, older.Part, older.SnippetHtml));
        Assert.Contains("<mark>督办</mark>", older.SnippetHtml);
    }

    [Fact]
    public void ABodyTooLongForADocValue_IsStored_AndStillGivesSnippetsAndSimilarEntries()
    {
        using var f = LuceneEngineFixture.Fresh(fill: false);
        // 12,000 characters of Chinese are 36,000 bytes of UTF-8: over the 32,766 a doc value holds.
        var filler = string.Concat(Enumerable.Repeat("各地区各部门要认真贯彻落实。", 1000));
        var longBody = filler + "防汛抗旱指挥部要加强值守。";
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(longBody) > LuceneFields.MaxDocValueBytes);
        f.Engine.Apply([
            LuceneEngineFixture.Doc(1, "防汛值守通知", longBody, "通知", null, new DateOnly(2024, 6, 1), null),
            LuceneEngineFixture.Doc(2, "防汛值守安排", "防汛抗旱指挥部要加强值守，各地区各部门认真落实。", "通知", null, new DateOnly(2024, 6, 2), null),
            LuceneEngineFixture.Doc(3, "节日安排", "节假日安排如下。", "通知", null, null, null),
        ], [], 1);

        // The snippet's passage is the one at the end of the stored body.
        var hit = Assert.Single(f.Search("指挥部").Hits, h => h.Id == 1);
        Assert.Contains("<mark>指挥部</mark>要加强值守", hit.SnippetHtml);
        // The long entry and the short one share their words: each is the other's most similar entry.
        Assert.Equal(1, f.Engine.Similar(new IndexKey("document", 2), SearchAccess.PublicOnly, 5)[0].Id);
        Assert.Equal(2, f.Engine.Similar(new IndexKey("document", 1), SearchAccess.PublicOnly, 5)[0].Id);
    }

    [Fact]
    public void Hits_WithoutUnitDateOrSourceFile_ShowThemEmpty()
    {
        using var f = LuceneEngineFixture.Fresh(fill: false);
        f.Engine.Apply([LuceneEngineFixture.Doc(1, "值班安排", "节假日值班安排如下。", "通知", null, null, null)], [], 1);
        var hit = Assert.Single(f.Search("值班").Hits);
        Assert.Equal(("值班安排", "通知", (string?)null, (DateOnly?)null, (string?)null, (int?)null),
            (hit.Title, hit.DocType, hit.Unit, hit.Date, hit.SourceFile, hit.Part));
    }
}
