namespace Portal.Indexing.Search;

/// <summary>What an index entry is: a row of one feature's table.</summary>
public sealed record IndexKey(string Source, int Id)
{
    /// <summary>Also the Lucene "key" field.</summary>
    public override string ToString() => Source + ":" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IndexKey Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var id))
            throw new FormatException("Not an index key: " + text);
        return new IndexKey(text[..colon], id);
    }
}

/// <summary>What the engine indexes for one row.</summary>
/// <param name="Access">Null for a public row; otherwise the grants (<see cref="SearchAccess.UnitKey"/>, <see cref="SearchAccess.RoleKey"/>).</param>
/// <param name="Version">The change number (SearchChanges.Id) this content reflects (0 if unknown).</param>
/// <param name="SourceFile">Shown under a hit as 来源文件：… (library pieces of a compilation); null for others.</param>
public sealed record IndexDocument(IndexKey Key, string Title, string Body, string DocType, string? Unit, DateOnly? Date,
    IReadOnlyList<string>? Access, long Version = 0, string? SourceFile = null, int? Part = null);

/// <summary>
/// A hit names its key and carries its snippet (HTML-encoded, &lt;mark&gt; around matches, cut from the ORIGINAL stored
/// body, so Traditional stays Traditional): the page needs no database read.
/// </summary>
/// <param name="Tier">0 when the segmented words or phrases matched, 1 when only the character bigrams did.</param>
public sealed record SearchHit(IndexKey Key, string Title, string DocType, string? Unit, DateOnly? Date, double Score, int Tier)
{
    public int Id => Key.Id;
    public string? SnippetHtml { get; init; }
    public string? SourceFile { get; init; }
    public int? Part { get; init; }
}

public sealed record SearchResults(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    /// <summary>True when the total is only a lower bound (the Lucene engine always counts exactly: false).</summary>
    bool TotalIsLowerBound,
    IReadOnlyList<FacetValue> Types,
    IReadOnlyList<FacetValue> Units,
    IReadOnlyList<FacetValue> Years)
{
    public static SearchResults Empty { get; } = new([], 0, false, [], [], []);

    /// <summary>When the facets count only the best matches: how many; null when they count every match.</summary>
    public int? FacetsOfTop { get; init; }
}

/// <summary>The index is held by another process's writer: reads work, writes do not.</summary>
public sealed class IndexLockedException(string? detail = null, Exception? inner = null)
    : InvalidOperationException("检索索引正被另一个进程写入（门户正在运行？）" + (detail is null ? "" : "：" + detail), inner);
