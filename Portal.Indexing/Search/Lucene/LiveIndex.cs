using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// One open index directory: its writer (null when another process holds the write lock: then it is read-only and
/// follows that process's commits) and the searchers over it.
/// </summary>
internal sealed class LiveIndex : IDisposable
{
    public const string ChangeKey = "change";

    private LiveIndex(string name, FSDirectory directory, IndexWriter? writer, SearcherManager? manager)
    {
        Name = name;
        Directory = directory;
        Writer = writer;
        Manager = manager;
    }

    public string Name { get; }
    public FSDirectory Directory { get; }
    public IndexWriter? Writer { get; }
    /// <summary>Null only for a read-only index that has no commit yet (another process is creating it).</summary>
    public SearcherManager? Manager { get; }

    public static Similarity Similarity { get; } = new BM25Similarity();

    /// <summary>Opens the directory for writing, or read-only when another process writes it. A corrupt index starts empty.</summary>
    public static LiveIndex Open(string name, string path, Analyzer analyzer, SearchEngineOptions options, bool create = false)
    {
        if (TryOpenWritable(name, path, analyzer, options, create) is { } writable) return writable;
        var directory = FSDirectory.Open(new DirectoryInfo(path), new ProcessLockFactory(new DirectoryInfo(path)));
        var manager = DirectoryReader.IndexExists(directory) ? new SearcherManager(directory, new Factory()) : null;
        return new LiveIndex(name, directory, null, manager);
    }

    /// <summary>The directory opened for writing; null when another process holds its write lock.</summary>
    public static LiveIndex? TryOpenWritable(string name, string path, Analyzer analyzer, SearchEngineOptions options, bool create = false)
    {
        var directory = FSDirectory.Open(new DirectoryInfo(path), new ProcessLockFactory(new DirectoryInfo(path)));
        try
        {
            var writer = OpenWriter(directory, analyzer, options, create);
            return new LiveIndex(name, directory, writer, new SearcherManager(writer, true, new Factory()));
        }
        catch (LockObtainFailedException)
        {
            directory.Dispose();
            return null;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public static IndexWriter OpenWriter(FSDirectory directory, Analyzer analyzer, SearchEngineOptions options, bool create)
    {
        IndexWriterConfig Config(OpenMode mode) => new(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = mode,
            Similarity = Similarity,
            RAMBufferSizeMB = options.RamBufferMB,
            // A held lock means another process writes: answer read-only at once instead of waiting.
            WriteLockTimeout = 0,
            MergePolicy = MergePolicy(),
        };
        IndexWriter writer;
        try
        {
            writer = new IndexWriter(directory, Config(create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND));
        }
        catch (LockObtainFailedException) { throw; }
        catch (Exception e) when (e is CorruptIndexException or EndOfStreamException or FileNotFoundException
                                       or IndexFormatTooOldException or IndexFormatTooNewException)
        {
            // A corrupt index (a damaged disk, a half-copied directory): start empty (AppliedChange 0), and the
            // follower builds it again from the database. Its files go first: CREATE still reads the old commit.
            foreach (var file in directory.ListAll())
                if (file != IndexWriter.WRITE_LOCK_NAME) directory.DeleteFile(file);
            writer = new IndexWriter(directory, Config(OpenMode.CREATE));
        }
        // A first commit at once, so that readers (and another process) can open the index and read its change number.
        if (!DirectoryReader.IndexExists(directory)) writer.Commit();
        return writer;
    }

    /// <summary>
    /// Few segments: every query pays a fixed cost per segment (a term-dictionary lookup per query term), about 0.1 ms
    /// each on this engine, more than the search itself once there are a dozen (measured in bench/README.md). Two per
    /// size tier instead of ten keeps an index written in small commits at a handful. A bulk load writes with Lucene's
    /// ten per tier (fewer, cheaper merges while it runs, see <see cref="Bulk"/>) and is merged into one afterwards
    /// (<see cref="LuceneSearchEngine.Compact"/>).
    /// </summary>
    private static TieredMergePolicy MergePolicy() => new() { SegmentsPerTier = SmallWritesPerTier, MaxMergeAtOnce = 10 };

    private const double SmallWritesPerTier = 2, BulkPerTier = 10;

    /// <summary>Merges as for a bulk load until disposed (the writer asks its policy afresh at every flush).</summary>
    public IDisposable Bulk()
    {
        if (Writer?.Config.MergePolicy is not TieredMergePolicy policy) return new Restore(null);
        policy.SegmentsPerTier = BulkPerTier;
        return new Restore(policy);
    }

    private sealed class Restore(TieredMergePolicy? policy) : IDisposable
    {
        public void Dispose()
        {
            if (policy is not null) policy.SegmentsPerTier = SmallWritesPerTier;
        }
    }

    /// <summary>The change number in the last commit.</summary>
    public long CommittedChange()
    {
        if (Writer is not null) return Parse(Writer.CommitData);
        if (!DirectoryReader.IndexExists(Directory)) return 0;
        var infos = new SegmentInfos();
        infos.Read(Directory);
        return Parse(infos.UserData);
    }

    private static long Parse(IDictionary<string, string>? data) =>
        data is not null && data.TryGetValue(ChangeKey, out var s) && long.TryParse(s, out var v) ? v : 0;

    /// <summary>Commits pending writes with this change number.</summary>
    public void Commit(long change)
    {
        var writer = Writer ?? throw new IndexLockedException();
        writer.SetCommitData(new Dictionary<string, string> { [ChangeKey] = change.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        writer.Commit();
        Manager?.MaybeRefreshBlocking();
    }

    public void Dispose()
    {
        // Each part is closed even when another was closed already (a writer a failed merge closed, a reader a
        // search still held while the process stops).
        Quietly(() => Manager?.Dispose());
        // Rollback, not close: close would commit writes no Apply finished (a cancelled bulk build); every finished
        // write is committed already.
        Quietly(() => Writer?.Rollback());
        Quietly(Directory.Dispose);
    }

    // Closing never throws: a part may be closed already, or the index's files gone (a directory removed under a running
    // portal; a rollback then cannot list it). Nothing is left to save either way: every finished write is committed.
    internal static void Quietly(Action close)
    {
        try { close(); }
        catch (ObjectDisposedException) { }
        catch (IOException) { }
    }

    /// <summary>
    /// Each new searcher (at open, after a write) loads what queries read per segment before any query waits for it:
    /// the doc values of the order and the shown fields, the facet ordinals and the norms of the scored fields. Segments a
    /// previous searcher loaded cost nothing (Lucene keeps them per segment).
    /// </summary>
    private sealed class Factory : SearcherFactory
    {
        private static readonly string[] Numeric = [LuceneFields.DateOrder, LuceneFields.Id];
        private static readonly string[] Sorted = [LuceneFields.Type, LuceneFields.Unit, LuceneFields.Year];
        private static readonly string[] Binary = [LuceneFields.Key, LuceneFields.Title];
        private static readonly string[] Scored = [LuceneFields.Title, LuceneFields.Body, LuceneFields.TitleBigram, LuceneFields.BodyBigram];

        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                var r = leaf.AtomicReader;
                foreach (var f in Numeric) r.GetNumericDocValues(f);
                foreach (var f in Sorted) FacetOrdinals.Of(r, f);
                foreach (var f in Binary) r.GetBinaryDocValues(f);
                foreach (var f in Scored) r.GetNormValues(f);
            }
            return new IndexSearcher(reader) { Similarity = Similarity };
        }
    }
}
