using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// The search engine on Lucene.Net: one index directory per instance (see <see cref="IndexDirectory"/>), one writer,
/// near-real-time searchers. Every write commits with the change number it reflects (commit user data), so after a
/// crash the follower resumes exactly where the index stands.
/// </summary>
public sealed partial class LuceneSearchEngine : ISearchEngine
{
    private readonly SearchEngineOptions _options;
    private readonly TextAnalysis _analysis;
    private readonly Analyzer _analyzer;
    private readonly IndexDirectory _root;
    private readonly Highlighter _highlighter;
    private readonly object _write = new();
    private volatile LiveIndex _live;
    private long _applied;
    private bool _disposed;

    public LuceneSearchEngine(SearchEngineOptions options, TextAnalysis analysis)
    {
        if (string.IsNullOrWhiteSpace(options.IndexPath)) throw new ArgumentException("Search:IndexPath is not set.", nameof(options));
        _options = options;
        _analysis = analysis;
        _analyzer = LuceneAnalyzers.Create(options, analysis);
        _highlighter = new Highlighter(analysis);
        _root = new IndexDirectory(options.IndexPath);
        var name = _root.Current();
        _live = LiveIndex.Open(name, _root.PathOf(name), _analyzer, options);
        _applied = _live.CommittedChange();
        if (_live.Writer is not null) _root.DeleteAbandoned(name);
    }

    public TextAnalysis Analysis => _analysis;

    public long AppliedChange => Interlocked.Read(ref _applied);

    /// <summary>False when another process holds the write lock (reads follow its commits).</summary>
    public bool CanWrite => _live.Writer is not null;

    public int Count
    {
        get
        {
            var (searcher, release) = AcquireSearcher();
            try { return searcher.IndexReader.NumDocs; }
            finally { release(); }
        }
    }

    public void Apply(IReadOnlyList<IndexDocument> upserts, IReadOnlyList<IndexKey> deletes, long throughChange)
    {
        lock (_write)
        {
            var live = _live;
            var writer = live.Writer ?? throw new IndexLockedException();
            foreach (var d in upserts) writer.UpdateDocument(LuceneFields.KeyTerm(d.Key), ToDocument(d));
            foreach (var k in deletes) writer.DeleteDocuments(LuceneFields.KeyTerm(k));
            Commit(live, Math.Max(AppliedChange, throughChange));
        }
    }

    public void ApplyBulk(IEnumerable<IndexDocument> upserts, long throughChange, Action<int>? progress = null, CancellationToken ct = default)
    {
        lock (_write)
        {
            var live = _live;
            var writer = live.Writer ?? throw new IndexLockedException();
            using (live.Bulk())
            {
                WriteBulk(writer, upserts, progress, ct);
                Commit(live, Math.Max(AppliedChange, throughChange));
            }
        }
    }

    /// <summary>
    /// Adds documents from every core: IndexWriter is thread-safe and each thread analyses into its own segment, so the
    /// analysis (most of the cost) runs in parallel while the writer indexes.
    /// </summary>
    internal void WriteBulk(IndexWriter writer, IEnumerable<IndexDocument> documents, Action<int>? progress, CancellationToken ct)
    {
        var done = 0;
        var reported = 0;
        var gate = new object();
        // An empty index needs no replacement by key (a delete term per document costs at every flush).
        var empty = writer.NumDocs == 0 && !writer.HasDeletions();
        Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, d =>
        {
            if (empty) writer.AddDocument(ToDocument(d));
            else writer.UpdateDocument(LuceneFields.KeyTerm(d.Key), ToDocument(d));
            var n = Interlocked.Increment(ref done);
            if (progress is not null && n % 1000 == 0)
                lock (gate)
                    if (n > reported) { reported = n; progress(n); }
        });
        if (progress is not null && done > reported) progress(done);
    }

    /// <summary>
    /// Merges the index into one segment and commits it (after a bulk load: an import, a build). Writes may go on
    /// meanwhile; they land in new segments. Nothing happens when another index was swapped in or the engine closed.
    /// </summary>
    public void Compact()
    {
        var live = _live;
        var writer = live.Writer ?? throw new IndexLockedException();
        try { writer.ForceMerge(1); }
        catch (Exception) when (_disposed || !ReferenceEquals(_live, live)) { return; } // closed or swapped meanwhile
        lock (_write)
        {
            if (_disposed || !ReferenceEquals(_live, live)) return;
            Commit(live, AppliedChange);
        }
    }

    private void Commit(LiveIndex live, long change)
    {
        live.Commit(change);
        Interlocked.Exchange(ref _applied, change);
    }

    private global::Lucene.Net.Documents.Document ToDocument(IndexDocument d) =>
        LuceneFields.ToDocument(d, _analysis.Analyzer.Normalize);

    public IEnumerable<(IndexKey Key, long Version)> Entries()
    {
        var list = new List<(IndexKey Key, long Version)>();
        var (searcher, release) = AcquireSearcher();
        try
        {
            var bytes = new BytesRef();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var keys = reader.GetBinaryDocValues(LuceneFields.Key);
                var versions = reader.GetNumericDocValues(LuceneFields.Version);
                var live = reader.LiveDocs;
                if (keys is null) continue;
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    if (live is not null && !live.Get(doc)) continue;
                    keys.Get(doc, bytes);
                    list.Add((IndexKey.Parse(bytes.Utf8ToString()), versions?.Get(doc) ?? 0));
                }
            }
        }
        finally { release(); }
        list.Sort((a, b) => a.Key.Source != b.Key.Source ? string.CompareOrdinal(a.Key.Source, b.Key.Source) : a.Key.Id.CompareTo(b.Key.Id));
        return list;
    }

    public void Refresh()
    {
        lock (_write)
        {
            if (_disposed) return;
            var live = _live;
            var name = _root.ReadCurrent() ?? live.Name;
            if (name != live.Name)
            {
                // Another process swapped the directory (a rebuild): follow it. The old one is ours to delete only
                // if we were its writer (nobody else writes it then).
                Swap(LiveIndex.Open(name, _root.PathOf(name), _analyzer, _options), deleteOld: live.Writer is not null);
                return;
            }
            if (live.Writer is null)
            {
                // Read-only: take over writing once the other process has let go, else follow its commits.
                var next = LiveIndex.TryOpenWritable(name, _root.PathOf(name), _analyzer, _options)
                    ?? (live.Manager is null ? LiveIndex.Open(name, _root.PathOf(name), _analyzer, _options) : null);
                if (next is not null)
                {
                    Swap(next, deleteOld: false);
                    return;
                }
                live.Manager!.MaybeRefresh();
                Interlocked.Exchange(ref _applied, ReadOnlyChange(live));
            }
        }
    }

    /// <summary>The change number of the commit a read-only index's searcher shows.</summary>
    private static long ReadOnlyChange(LiveIndex live)
    {
        if (live.Manager is null) return 0;
        var searcher = live.Manager.Acquire();
        try
        {
            var data = ((DirectoryReader)searcher.IndexReader).IndexCommit.UserData;
            return data.TryGetValue(LiveIndex.ChangeKey, out var s) && long.TryParse(s, out var v) ? v : 0;
        }
        finally { live.Manager.Release(searcher); }
    }

    /// <summary>Makes <paramref name="next"/> the live index (under the write lock); searches holding the old one finish on it.</summary>
    private void Swap(LiveIndex next, bool deleteOld)
    {
        var old = _live;
        _live = next;
        Interlocked.Exchange(ref _applied, next.Writer is null ? ReadOnlyChange(next) : next.CommittedChange());
        old.Dispose();
        if (deleteOld && old.Name != next.Name) _root.TryDelete(old.Name);
    }

    /// <summary>
    /// A searcher over the live index and the action that releases it (for the spelling part: <c>LuceneSearchEngine.Spelling.cs</c>).
    /// A read-only index not yet committed by its writer answers from an empty reader.
    /// </summary>
    internal (IndexSearcher Searcher, Action Release) AcquireSearcher()
    {
        for (var attempt = 0; ; attempt++)
        {
            var live = _live;
            if (live.Manager is null) return (new IndexSearcher(new MultiReader()) { Similarity = LiveIndex.Similarity }, () => { });
            try
            {
                var searcher = live.Manager.Acquire();
                return (searcher, () => live.Manager.Release(searcher));
            }
            catch (ObjectDisposedException) when (attempt < 3) { }
        }
    }

    public IndexRebuild BeginRebuild() => new LuceneRebuild(this);

    internal LiveIndex OpenRebuildDirectory()
    {
        var name = _root.CreateNext();
        var index = LiveIndex.Open(name, _root.PathOf(name), _analyzer, _options, create: true);
        if (index.Writer is null)
        {
            index.Dispose();
            throw new IndexLockedException(name);
        }
        return index;
    }

    /// <summary>Commits the rebuilt index, names it current (atomically), and makes it the live index here.</summary>
    internal void CompleteRebuild(LiveIndex index, long throughChange)
    {
        index.Commit(throughChange);
        lock (_write)
        {
            _root.MakeCurrent(index.Name);
            Swap(index, deleteOld: _live.Writer is not null);
        }
    }

    internal void AbandonRebuild(LiveIndex index)
    {
        index.Dispose();
        _root.TryDelete(index.Name);
    }

    public void Dispose()
    {
        lock (_write)
        {
            if (_disposed) return;
            _disposed = true;
            _live.Dispose();
            LiveIndex.Quietly(_analyzer.Dispose);
        }
    }
}
