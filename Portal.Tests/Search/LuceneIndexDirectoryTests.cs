using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;

namespace Portal.Tests.Search;

/// <summary>The index directory after crashes: what a killed rebuild left goes with the next completed rebuild, a running one stays.</summary>
public sealed class LuceneIndexDirectoryTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "lucene-dir-" + Guid.NewGuid().ToString("N"));

    private LuceneSearchEngine Open() => new(new SearchEngineOptions { IndexPath = _path }, LuceneEngineFixture.Analysis);

    private List<string> Directories() => Directory.GetDirectories(_path).Select(d => Path.GetFileName(d)!).Order().ToList();

    [Fact]
    public void CompletedRebuild_DeletesWhatAKilledRebuildLeft_ButNotARebuildStillWriting()
    {
        using var engine = Open();
        engine.Apply(LuceneEngineFixture.Docs, [], 9);
        // A rebuild whose process was killed: its files stay, its write lock went with the process (the lock file may stay).
        var dead = Path.Combine(_path, "index-5");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "write.lock"), "");
        File.WriteAllBytes(Path.Combine(dead, "_0.cfs"), new byte[1024]);
        Assert.Equal(2, Directories().Count);

        // Another process's rebuild still writing (it holds its lock).
        using var writing = Open();
        using var running = writing.BeginRebuild();
        running.Add(LuceneEngineFixture.Docs);
        Assert.Equal(3, Directories().Count);

        using (var rebuild = engine.BeginRebuild())
        {
            rebuild.Add(LuceneEngineFixture.Docs);
            rebuild.Complete(9);
        }
        var after = Directories();
        Assert.Equal(2, after.Count); // the new live one and the running rebuild's
        Assert.DoesNotContain("index-5", after);
        Assert.Equal(LuceneEngineFixture.Docs.Length, engine.Count);
    }

    public void Dispose()
    {
        try { Directory.Delete(_path, true); } catch (IOException) { }
    }
}
