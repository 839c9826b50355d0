using System.Data.Common;

namespace Portal.Indexing.Search;

/// <summary>(Being replaced by the Lucene engine, issue 19: Legacy* types go when it lands.)
/// 
/// The seam between the portal and a full-text engine (SQLite FTS5 now, PostgreSQL later). The engine keeps
/// its own index and a copy of the few fields it filters and facets on; the documents themselves stay in the
/// portal's tables. Writes take the caller's connection and transaction so a document and its index entry
/// commit together.
/// </summary>
public interface ILegacySearchEngine
{
    /// <summary>Creates the engine's tables when missing (idempotent).</summary>
    void EnsureCreated(DbConnection connection, DbTransaction? transaction = null);

    /// <summary>Adds or replaces the index entries of these documents.</summary>
    void Index(DbConnection connection, DbTransaction? transaction, IReadOnlyList<LegacyIndexDocument> documents);

    /// <summary>
    /// Analyses documents ahead of writing them, on worker threads: bulk imports prepare the next batch while
    /// the single writer writes this one.
    /// </summary>
    PreparedBatch Prepare(IReadOnlyList<LegacyIndexDocument> documents);

    /// <summary>Writes a prepared batch (adds or replaces) in the caller's transaction.</summary>
    void Write(DbConnection connection, DbTransaction? transaction, PreparedBatch batch);

    /// <summary>Removes index entries (ids not indexed are ignored).</summary>
    void Remove(DbConnection connection, DbTransaction? transaction, IReadOnlyList<int> ids);

    /// <summary>Drops and recreates the index (for a full rebuild).</summary>
    void Clear(DbConnection connection);

    /// <summary>Merges index segments after a large import.</summary>
    void Optimize(DbConnection connection);

    /// <summary>Ids of all indexed documents, ascending.</summary>
    IEnumerable<int> IndexedIds(DbConnection connection);

    LegacySearchResults Search(DbConnection connection, SearchRequest request);

    /// <summary>Documents sharing the most distinctive words of <paramref name="document"/>.</summary>
    IReadOnlyList<LegacySearchHit> Similar(DbConnection connection, LegacyIndexDocument document, SearchAccess access, int top);

    /// <summary>Titles and frequent words beginning with what the user has typed.</summary>
    IReadOnlyList<Suggestion> Suggest(DbConnection connection, string prefix, SearchAccess access, int top);
}

/// <summary>Documents with their analysed text, ready to be written.</summary>
public sealed class PreparedBatch
{
    internal PreparedBatch(IReadOnlyList<LegacyIndexDocument> documents, (TextAnalysis.Streams Title, TextAnalysis.Streams Body)[] analysed,
        object?[]? encoded = null)
    {
        Documents = documents;
        Analysed = analysed;
        Encoded = encoded;
    }

    public IReadOnlyList<LegacyIndexDocument> Documents { get; }
    internal (TextAnalysis.Streams Title, TextAnalysis.Streams Body)[] Analysed { get; }
    /// <summary>What an engine derived from each analysis on the worker threads too (PostgreSQL: the tsvector literals); may be null.</summary>
    internal object?[]? Encoded { get; }

    /// <summary>
    /// The analysis of some of these documents, paired with their final index entries (ids and fields known only
    /// once the rows are saved). Each entry's title and body must be those that were analysed at that position.
    /// </summary>
    public PreparedBatch Rebind(IReadOnlyList<(int Position, LegacyIndexDocument Document)> items) =>
        new(items.Select(i => i.Document).ToList(), items.Select(i => Analysed[i.Position]).ToArray(),
            Encoded is null ? null : items.Select(i => Encoded[i.Position]).ToArray());
}

/// <summary>What the engine indexes for one document.</summary>
/// <param name="Access">Null for a public document; otherwise the grants (<see cref="SearchAccess.UnitKey"/>, <see cref="SearchAccess.RoleKey"/>).</param>
public sealed record LegacyIndexDocument(
    int Id, string Title, string Body, string DocType, string? Unit, DateOnly? Date, IReadOnlyList<string>? Access);

/// <summary>Whose search it is: everything (administrators, the command line) or public documents plus the caller's grants.</summary>
public sealed record SearchAccess(bool All, IReadOnlyList<string> Keys)
{
    public static SearchAccess Everything { get; } = new(true, []);
    public static SearchAccess PublicOnly { get; } = new(false, []);
    public static string UnitKey(int unitId) => "u:" + unitId;
    public static string RoleKey(string role) => "r:" + role;
    public static SearchAccess For(int? unitId, IEnumerable<string> roles) =>
        new(false, (unitId is int u ? new[] { UnitKey(u) } : []).Concat(roles.Select(RoleKey)).ToList());
}

public enum SearchSort { Relevance, Date }

public sealed record SearchRequest(SearchQuery Query, SearchAccess Access)
{
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public bool WithFacets { get; init; } = true;
    /// <summary>Whether hits carry their snippets (the Lucene engine cuts them from the stored body).</summary>
    public bool WithSnippets { get; init; } = true;
}

/// <param name="Tier">0 when the segmented words or phrases matched, 1 when only the character bigrams did.</param>
public sealed record LegacySearchHit(int Id, string Title, string DocType, string? Unit, DateOnly? Date, double Score, int Tier);

public sealed record FacetValue(string Value, int Count);

public sealed record LegacySearchResults(
    IReadOnlyList<LegacySearchHit> Hits,
    int Total,
    /// <summary>True when the matches exceeded the candidate cap: the total is a lower bound and facets count the candidates.</summary>
    bool TotalIsLowerBound,
    IReadOnlyList<FacetValue> Types,
    IReadOnlyList<FacetValue> Units,
    IReadOnlyList<FacetValue> Years)
{
    public static LegacySearchResults Empty { get; } = new([], 0, false, [], [], []);

    /// <summary>When the facets count only the best matches (frequent words): how many; null when they count every match.</summary>
    public int? FacetsOfTop { get; init; }
}

public sealed record Suggestion(string Text, string Kind, int? DocumentId);
