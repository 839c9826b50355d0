using Portal.Indexing.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>The index directory: change numbers that survive, rebuilds swapped in while search answers, two engines on one path.</summary>
public sealed class LuceneIndexDirectoryTests
{
    private static int Found(LuceneEngineFixture fx, string q) => fx.Search(q, SearchAccess.Everything).Total;

    [Fact]
    public void Rebuild_KeepsAnsweringFromTheOldIndex_ThenSwaps()
    {
        using var fx = LuceneEngineFixture.Fresh();
        using (var rebuild = fx.Engine.BeginRebuild())
        {
            rebuild.Add([LuceneEngineFixture.Doc(100, "重建后的文件", "只在新索引里", "通知", null, null, null)]);
            // The live index still answers, and still takes writes, while the new one is built.
            Assert.Equal(3, Found(fx, "督办 台账"));
            fx.Engine.Apply([LuceneEngineFixture.Doc(101, "重建期间的修改", "修改", "通知", null, null, null)], [], 10);
            Assert.Equal(0, Found(fx, "新索引"));
            Assert.Equal(1, Found(fx, "重建期间"));
            rebuild.Complete(10);
        }
        Assert.Equal(1, Found(fx, "新索引"));
        Assert.Equal(0, Found(fx, "督办"));
        Assert.Equal(1, fx.Engine.Count);
        Assert.Equal(10, fx.Engine.AppliedChange);
        Assert.Equal("index-2", File.ReadAllText(Path.Combine(fx.Path, "current")));
        Assert.False(Directory.Exists(Path.Combine(fx.Path, "index-1")));

        fx.Reopen();
        Assert.Equal(1, Found(fx, "新索引"));
        Assert.Equal(10, fx.Engine.AppliedChange);
    }

    [Fact]
    public async Task SearchesRunningDuringSwapsAndWrites_NeverFail()
    {
        using var fx = LuceneEngineFixture.Fresh();
        using var stop = new CancellationTokenSource();
        var errors = new List<Exception>();
        var searches = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    Assert.NotEmpty(fx.Search("督办 OR 重建", SearchAccess.Everything).Hits);
                    _ = fx.Engine.Count;
                    _ = fx.Engine.Suggest("督办", SearchAccess.PublicOnly, 5);
                    Interlocked.Increment(ref searches);
                }
                catch (Exception e) { lock (errors) errors.Add(e); }
            }
        });
        // On a busy machine the reader may not have started before the rounds end; each round waits
        // for searches made while its rebuild is open, so every swap happens under running searches.
        for (var round = 0; round < 5; round++)
        {
            using var rebuild = fx.Engine.BeginRebuild();
            var before = Volatile.Read(ref searches);
            rebuild.Add(LuceneEngineFixture.Docs.Append(LuceneEngineFixture.Doc(100 + round, "重建" + round, "重建的文件", "通知", null, null, null)));
            fx.Engine.Apply([LuceneEngineFixture.Doc(200, "重建期间", "督办", "通知", null, null, null)], [], 20 + round);
            await Poll.UntilAsync(() => Volatile.Read(ref searches) > before + 1 || errors.Count > 0, "searches during rebuild " + round);
            rebuild.Complete(20 + round);
        }
        await stop.CancelAsync();
        await reader;
        Assert.Empty(errors);
        Assert.Equal(LuceneEngineFixture.Docs.Length + 1, fx.Engine.Count);
        Assert.Single(Directory.GetDirectories(fx.Path));
    }

    [Fact]
    public void AbandonedRebuild_LeavesTheLiveIndexAndRemovesItsDirectory()
    {
        using var fx = LuceneEngineFixture.Fresh();
        using (var rebuild = fx.Engine.BeginRebuild())
            rebuild.Add([LuceneEngineFixture.Doc(100, "重建后的文件", "只在新索引里", "通知", null, null, null)]);
        Assert.Equal(LuceneEngineFixture.Docs.Length, fx.Engine.Count);
        Assert.Equal(["index-1"], Directory.GetDirectories(fx.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SecondEngineOnThePath_ReadsButCannotWrite_AndFollowsCommitsAndSwaps()
    {
        using var fx = LuceneEngineFixture.Fresh();
        using var second = fx.Open();
        Assert.False(second.CanWrite);
        Assert.Equal(9, second.AppliedChange);
        Assert.Equal(LuceneEngineFixture.Docs.Length, second.Count);
        var locked = Assert.Throws<IndexLockedException>(() => second.Apply([], [new IndexKey("document", 1)], 10));
        Assert.Contains("检索索引正被另一个进程写入", locked.Message);

        fx.Engine.Apply([], [new IndexKey("document", 1)], 11);
        second.Refresh();
        Assert.Equal(11, second.AppliedChange);
        Assert.Equal(LuceneEngineFixture.Docs.Length - 1, second.Count);

        using (var rebuild = fx.Engine.BeginRebuild())
        {
            rebuild.Add([LuceneEngineFixture.Doc(100, "重建后的文件", "只在新索引里", "通知", null, null, null)]);
            rebuild.Complete(12);
        }
        second.Refresh();
        Assert.Equal(1, second.Count);
        Assert.Equal(12, second.AppliedChange);

        // Once the writer lets go, the other engine takes over writing.
        fx.Engine.Dispose();
        second.Refresh();
        Assert.True(second.CanWrite);
        second.Apply([LuceneEngineFixture.Docs[0]], [], 13);
        Assert.Equal(2, second.Count);
    }

    [Fact]
    public void DirectoryOfACrashedRebuild_IsDeletedAtTheNextStart()
    {
        using var fx = LuceneEngineFixture.Fresh();
        var crashed = Path.Combine(fx.Path, "index-7");
        Directory.CreateDirectory(crashed);
        File.WriteAllText(Path.Combine(crashed, "_0.cfs"), "half a segment");
        Directory.SetLastWriteTimeUtc(crashed, DateTime.UtcNow.AddHours(-1));
        var fresh = Path.Combine(fx.Path, "index-8");
        Directory.CreateDirectory(fresh);
        fx.Reopen();
        Assert.False(Directory.Exists(crashed));
        Assert.True(Directory.Exists(fresh));
        Assert.Equal(LuceneEngineFixture.Docs.Length, fx.Engine.Count);
    }

    [Fact]
    public void CorruptIndex_StartsEmpty()
    {
        using var fx = LuceneEngineFixture.Fresh();
        fx.Engine.Dispose();
        foreach (var file in Directory.GetFiles(Path.Combine(fx.Path, "index-1"), "segments_*"))
            File.WriteAllText(file, "not an index");
        fx.Reopen();
        Assert.Equal(0, fx.Engine.Count);
        Assert.Equal(0, fx.Engine.AppliedChange);
        fx.Engine.Apply([LuceneEngineFixture.Docs[0]], [], 1);
        Assert.Equal(1, fx.Engine.Count);
    }

    [Fact]
    public void IndexDirectoryRemovedUnderTheEngine_ClosingDoesNotThrow()
    {
        // A portal whose data directory was removed while it ran (HealthzWithoutDatabaseTests does it) still stops cleanly.
        using var fx = LuceneEngineFixture.Fresh();
        fx.Engine.Apply([LuceneEngineFixture.Docs[0] with { Title = "改过的标题" }], [], 10);
        Directory.Delete(fx.Path, recursive: true);
        var closing = Record.Exception(fx.Engine.Dispose);
        Assert.Null(closing);
    }

    [Fact]
    public void NewPath_IsAnEmptyIndex()
    {
        using var fx = LuceneEngineFixture.Fresh(fill: false);
        Assert.Equal(0, fx.Engine.Count);
        Assert.Equal(0, fx.Engine.AppliedChange);
        Assert.Empty(fx.Engine.Entries());
        Assert.Empty(fx.Search("督办").Hits);
    }
}
