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
}
