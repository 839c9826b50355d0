namespace Portal.Indexing.Search;

/// <summary>Tunables of the engine (bound from <c>Search</c> in the configuration).</summary>
public sealed class SearchEngineOptions
{
    /// <summary>
    /// The Lucene engine's directory: it holds <c>index-&lt;n&gt;/</c> directories and a <c>current</c> file naming the live
    /// one. Local to each instance, never shared (the portal sets it: beside the SQLite file, or App_Data on PostgreSQL).
    /// </summary>
    public string IndexPath { get; set; } = "";

    /// <summary>"Portal" (our ChineseAnalyzer with the domain and user dictionaries) or "SmartCn".</summary>
    public string Analyzer { get; set; } = "Portal";

    /// <summary>BM25 weights: a match in the title counts this many times one in the body.</summary>
    public float TitleBoost { get; set; } = 4.0f;

    /// <summary>The index writer's buffer: larger means fewer, larger segments during a bulk build.</summary>
    public double RamBufferMB { get; set; } = 256;

    // ---- The FTS5 engine's tunables below go with that engine (issue 19, helper B).

    /// <summary>
    /// Each pass scores at most this many matches, the newest first. FTS5 computes BM25 for every match before
    /// sorting, at about 5 µs a match on the 333,000-poem benchmark (a document-size lookup each), so a word in
    /// 30,000 documents would cost 150 ms; frequent words are therefore ranked among their newest matches.
    /// </summary>
    public int CandidateCap { get; set; } = 300;

    /// <summary>BM25 weights: the title counts this many times the body.</summary>
    public double TitleWeight { get; set; } = 8.0;
    /// <summary>Sub-words of long words weigh less than whole words.</summary>
    public double SubWordWeight { get; set; } = 0.5;
    /// <summary>
    /// When the cap is hit, matches are counted (without scoring, about 0.5 µs each) up to this many for the total;
    /// beyond it the total is shown as "more than" (0: never count).
    /// </summary>
    public int ExactCountLimit { get; set; } = 1000;

    /// <summary>Words in at least this many documents get an impact list (built when the index is optimised).</summary>
    public int ImpactMinDocs { get; set; } = 300;

    /// <summary>How many best documents each impact list holds (0: no lists). Pages beyond it are scored as usual.</summary>
    public int ImpactListSize { get; set; } = 200;

    /// <summary>
    /// The lists are rebuilt in slices of about this long, each its own transaction, so that readers and writers
    /// never wait on the optimise for more than that (SQLite's busy timeout is 10 s).
    /// </summary>
    public TimeSpan ImpactSliceTime { get; set; } = TimeSpan.FromSeconds(1);
}
