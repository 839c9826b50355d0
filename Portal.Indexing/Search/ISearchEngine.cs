namespace Portal.Indexing.Search;

/// <summary>
/// The search engine: it keeps its own index in a local directory and follows the change rows the portal writes
/// (issue 19). Writes are idempotent replacements by key, committed with the last change number they reflect.
/// </summary>
public interface ISearchEngine : IDisposable
{
    /// <summary>The last change number whose effects are committed in the index (commit user data "change"); 0 for a new index.</summary>
    long AppliedChange { get; }

    /// <summary>Entries in the index (searchable now).</summary>
    int Count { get; }

    /// <summary>
    /// Replaces entries by key (upserts), removes keys (deletes), commits with AppliedChange = throughChange (never lowers
    /// it), and makes the result searchable before returning. Thread-safe; one call at a time is fine.
    /// </summary>
    void Apply(IReadOnlyList<IndexDocument> upserts, IReadOnlyList<IndexKey> deletes, long throughChange);

    /// <summary>
    /// Bulk add/replace with analysis on every core while the writer indexes; commits at the end (throughChange) and calls
    /// progress(done) along the way. Used by the start-up build and by import catch-up.
    /// </summary>
    void ApplyBulk(IEnumerable<IndexDocument> upserts, long throughChange, Action<int>? progress = null, CancellationToken ct = default);

    /// <summary>Runs a few searches so the first user after a start does not pay for compiling and reading the index.</summary>
    void Warm();

    /// <summary>
    /// Merges the index into one segment (seconds for a large index; writes may go on meanwhile). After a bulk load:
    /// every query pays for each segment it reads.
    /// </summary>
    void Compact();

    /// <summary>Starts a rebuild in a NEW directory; the live index keeps answering (and keeps accepting Apply) until Complete.</summary>
    IndexRebuild BeginRebuild();

    /// <summary>Every entry's key and version, in key order (for verify).</summary>
    IEnumerable<(IndexKey Key, long Version)> Entries();

    /// <summary>Another process may have swapped the directory (CLI reindex while the portal runs): reopen if so. Cheap.</summary>
    void Refresh();

    SearchResults Search(SearchRequest request);

    /// <summary>Documents like the stored entry of key (empty when it is not indexed or the caller may not see it); never key itself.</summary>
    IReadOnlyList<SearchHit> Similar(IndexKey key, SearchAccess access, int top);

    /// <summary>Titles and frequent words beginning with prefix, plus words whose pinyin initials are prefix.</summary>
    IReadOnlyList<Suggestion> Suggest(string prefix, SearchAccess access, int top);

    /// <summary>您是不是要找：… — the closest indexed words to a query word the caller can find.</summary>
    IReadOnlyList<string> DidYouMean(string word, SearchAccess access, int top);
}

/// <summary>A rebuild into a new directory. Dispose without Complete abandons the new directory.</summary>
public abstract class IndexRebuild : IDisposable
{
    public abstract void Add(IEnumerable<IndexDocument> documents, Action<int>? progress = null, CancellationToken ct = default);

    /// <summary>Merges what was added into one segment: call before <see cref="Complete"/>, outside any lock.</summary>
    public abstract void Compact();

    /// <summary>
    /// Commits the new index with AppliedChange = throughChange and swaps it in atomically (a <c>current</c> file in
    /// IndexPath names the live directory); the old directory is deleted once nothing holds it.
    /// </summary>
    public abstract void Complete(long throughChange);

    public abstract void Dispose();
}
