namespace Portal.Indexing.Search;

/// <summary>One word or "quoted phrase" as the user typed it (analysis happens in the engine).</summary>
public sealed record QueryTerm(string Text, bool IsPhrase);

/// <summary>Terms joined by OR; a group with one term is a plain required word.</summary>
public sealed record QueryGroup(IReadOnlyList<QueryTerm> Alternatives);

/// <summary>A parsed query: every group must match, no excluded term may, plus field filters.</summary>
public sealed record SearchQuery
{
    public IReadOnlyList<QueryGroup> Required { get; init; } = [];
    public IReadOnlyList<QueryTerm> Excluded { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Units { get; init; } = [];
    public IReadOnlyList<int> Years { get; init; } = [];
    /// <summary>What the parser ignored or repaired, in Chinese, for the page to show.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public bool HasFilters => Types.Count > 0 || Units.Count > 0 || Years.Count > 0;
    public bool IsEmpty => Required.Count == 0 && !HasFilters;

    /// <summary>Every positive term (for highlighting and suggestions).</summary>
    public IEnumerable<QueryTerm> PositiveTerms => Required.SelectMany(g => g.Alternatives);

    /// <summary>A looser query for the no-results page: OR instead of AND, no exclusions, no filters.</summary>
    public SearchQuery? Loosened()
    {
        var terms = PositiveTerms.ToList();
        if (terms.Count == 0) return null;
        var loose = new SearchQuery { Required = [new QueryGroup(terms.Select(t => t with { IsPhrase = false }).ToList())] };
        return loose == this with { Notices = [] } ? null : loose;
    }

    public bool Equals(SearchQuery? other) => other is not null && ToString() == other.ToString();
    public override int GetHashCode() => ToString().GetHashCode();

    /// <summary>The query written back in the query language (canonical form).</summary>
    public override string ToString()
    {
        static string T(QueryTerm t) => t.IsPhrase ? "\"" + t.Text + "\"" : t.Text;
        var parts = new List<string>();
        parts.AddRange(Required.Select(g => string.Join(" OR ", g.Alternatives.Select(T))));
        parts.AddRange(Excluded.Select(t => "-" + T(t)));
        parts.AddRange(Types.Select(t => "类型:" + t));
        parts.AddRange(Units.Select(u => "单位:" + u));
        parts.AddRange(Years.Select(y => "年份:" + y));
        return string.Join(' ', parts);
    }
}
