// TEMPORARY (helper B): the contract types of issue 19 as contract19.md gives them, so the portal compiles against
// them before helper A's engine is merged. Deleted when i19a is merged (A's files define these types).
namespace Portal.Indexing.Search;

public sealed record IndexKey(string Source, int Id)
{
    public override string ToString() => Source + ":" + Id;
    public static IndexKey Parse(string text)
    {
        var i = text.LastIndexOf(':');
        return new IndexKey(text[..i], int.Parse(text[(i + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed record IndexDocument(IndexKey Key, string Title, string Body, string DocType, string? Unit, DateOnly? Date,
    IReadOnlyList<string>? Access, long Version = 0, string? SourceFile = null, int? Part = null);

public sealed record SearchHit(IndexKey Key, string Title, string DocType, string? Unit, DateOnly? Date, double Score, int Tier)
{
    public int Id => Key.Id;
    public string? SnippetHtml { get; init; }
    public string? SourceFile { get; init; }
    public int? Part { get; init; }
}

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, bool TotalIsLowerBound,
    IReadOnlyList<FacetValue> Types, IReadOnlyList<FacetValue> Units, IReadOnlyList<FacetValue> Years)
{
    public static SearchResults Empty { get; } = new([], 0, false, [], [], []);
    public int? FacetsOfTop { get; init; }
}

public interface ISearchEngine : IDisposable
{
    long AppliedChange { get; }
    int Count { get; }
    void Apply(IReadOnlyList<IndexDocument> upserts, IReadOnlyList<IndexKey> deletes, long throughChange);
    void ApplyBulk(IEnumerable<IndexDocument> upserts, long throughChange, Action<int>? progress = null, CancellationToken ct = default);
    IndexRebuild BeginRebuild();
    IEnumerable<(IndexKey Key, long Version)> Entries();
    void Refresh();
    SearchResults Search(SearchRequest request);
    IReadOnlyList<SearchHit> Similar(IndexKey key, SearchAccess access, int top);
    IReadOnlyList<Suggestion> Suggest(string prefix, SearchAccess access, int top);
    IReadOnlyList<string> DidYouMean(string word, SearchAccess access, int top);
}

public abstract class IndexRebuild : IDisposable
{
    public abstract void Add(IEnumerable<IndexDocument> documents, Action<int>? progress = null, CancellationToken ct = default);
    public abstract void Complete(long throughChange);
    public abstract void Dispose();
}

public static class SearchEngineFactory
{
    public static ISearchEngine Create(string indexPath, SearchEngineOptions options, TextAnalysis analysis) =>
        throw new NotSupportedException("helper A's LuceneSearchEngine is not merged yet");
}
