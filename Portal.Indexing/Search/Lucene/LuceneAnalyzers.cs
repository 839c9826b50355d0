using Lucene.Net.Analysis;

namespace Portal.Indexing.Search.Lucene;

/// <summary>The analyzer named by <c>Search:Analyzer</c>.</summary>
public static class LuceneAnalyzers
{
    public static Analyzer Create(SearchEngineOptions options, TextAnalysis analysis) =>
        (options.Analyzer ?? "Portal").Trim() switch
        {
            "" or "Portal" => new PortalLuceneAnalyzer(analysis),
            "SmartCn" => new SmartCnLuceneAnalyzer(analysis),
            var other => throw new InvalidOperationException($"Search:Analyzer 只能是 Portal 或 SmartCn，而配置的是 {other}。"),
        };
}
