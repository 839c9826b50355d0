namespace Portal.Indexing.Search;

/// <summary>Tunables of the engine (bound from <c>Search</c> in the configuration).</summary>
public sealed class SearchEngineOptions
{
    /// <summary>
    /// Each pass scores at most this many matches, the newest first. FTS5 computes BM25 for every match before
    /// sorting; for a word in half the corpus that costs tens of milliseconds, so frequent words are ranked
    /// among their newest matches and the total is then given as "more than".
    /// </summary>
    public int CandidateCap { get; set; } = 2000;

    /// <summary>BM25 weights: the title counts this many times the body.</summary>
    public double TitleWeight { get; set; } = 8.0;
    /// <summary>Sub-words of long words weigh less than whole words.</summary>
    public double SubWordWeight { get; set; } = 0.5;
    /// <summary>Maximum documents scanned for an exact total when the candidate cap is hit (0: never count).</summary>
    public int ExactCountLimit { get; set; } = 5000;
}
