using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>
/// What one feature puts into the search index: its rows as index entries (with who may find them) and the page a hit
/// opens. Library and Submissions each implement it; search never reads their tables itself.
/// </summary>
public interface ISearchSource
{
    /// <summary>"document" | "submission": the <see cref="IndexKey.Source"/> of this feature's entries.</summary>
    string Name { get; }

    /// <summary>
    /// The current index entries of these ids; an id with no row, or one that must not be indexed (a library piece marked
    /// as a near-duplicate), is simply absent (the follower then deletes it from the index).
    /// </summary>
    Task<IReadOnlyList<IndexDocument>> LoadAsync(IReadOnlyCollection<int> ids, CancellationToken ct);

    /// <summary>Ids of every row that should be indexed, ascending (rebuild, start-up build, verify).</summary>
    IAsyncEnumerable<int> IdsAsync(CancellationToken ct);

    /// <summary>The page a hit opens (documents also take the query, to mark its words, and the search's address for 返回检索结果).</summary>
    string Url(int id, string? q = null, string? back = null);
}

/// <summary>The registered sources by name.</summary>
public sealed class SearchSourceSet(IEnumerable<ISearchSource> sources)
{
    private readonly Dictionary<string, ISearchSource> _byName = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public IEnumerable<ISearchSource> All => _byName.Values;

    public ISearchSource? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The page of an index entry; "#" for a source no longer registered.</summary>
    public string Url(IndexKey key, string? q = null, string? back = null) => Find(key.Source)?.Url(key.Id, q, back) ?? "#";
}
