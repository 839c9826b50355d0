namespace Portal.Indexing.Search;

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

public sealed record FacetValue(string Value, int Count);

/// <param name="DocumentId">A title suggestion's row id in its source (see <see cref="Key"/>); null for a word.</param>
public sealed record Suggestion(string Text, string Kind, int? DocumentId)
{
    /// <summary>The index entry a title suggestion opens (its source and id); null for a word.</summary>
    public IndexKey? Key { get; init; }
}
