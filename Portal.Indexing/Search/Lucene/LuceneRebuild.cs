namespace Portal.Indexing.Search.Lucene;

/// <summary>A rebuild into a new index directory with its own writer; the engine keeps answering from the live one.</summary>
internal sealed class LuceneRebuild : IndexRebuild
{
    private readonly LuceneSearchEngine _engine;
    private LiveIndex? _index;
    private readonly IDisposable _bulk;

    public LuceneRebuild(LuceneSearchEngine engine)
    {
        _engine = engine;
        _index = engine.OpenRebuildDirectory();
        _bulk = _index.Bulk();
    }

    public override void Add(IEnumerable<IndexDocument> documents, Action<int>? progress = null, CancellationToken ct = default)
    {
        var index = _index ?? throw new InvalidOperationException("The rebuild is completed or abandoned.");
        _engine.WriteBulk(index.Writer!, documents, progress, ct);
    }

    public override void Compact()
    {
        var index = _index ?? throw new InvalidOperationException("The rebuild is completed or abandoned.");
        index.Writer!.ForceMerge(1);
    }

    public override void Complete(long throughChange)
    {
        var index = _index ?? throw new InvalidOperationException("The rebuild is completed or abandoned.");
        _index = null;
        _bulk.Dispose();
        _engine.CompleteRebuild(index, throughChange);
    }

    public override void Dispose()
    {
        if (_index is not { } index) return;
        _index = null;
        _engine.AbandonRebuild(index);
    }
}
