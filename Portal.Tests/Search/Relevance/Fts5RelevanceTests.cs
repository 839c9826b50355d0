using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Xunit.Abstractions;

namespace Portal.Tests.Search.Relevance;

/// <summary>The legacy FTS5 engine on the same relevance set (the "before" row of bench/README.md; goes with the engine).</summary>
public class Fts5RelevanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Fts5_Figures()
    {
        using var file = new TempSqliteFile("relevance-fts5");
        using var connection = file.Open();
        var engine = new Fts5SearchEngine(new TextAnalysis(ChineseAnalyzer.Default), new SearchEngineOptions());
        engine.EnsureCreated(connection);
        engine.Index(connection, null, RelevanceSet.Documents
            .Select(d => new LegacyIndexDocument(d.Key.Id, d.Title, d.Body, d.DocType, d.Unit, d.Date, d.Access)).ToList());
        IReadOnlyList<int> Top10(SearchQuery query) =>
            engine.Search(connection, new SearchRequest(query, SearchAccess.Everything) { PageSize = 10, WithFacets = false })
                .Hits.Select(h => h.Id).ToList();
        var tuning = RelevanceSet.Measure(RelevanceSet.Tuning, Top10);
        var heldOut = RelevanceSet.Measure(RelevanceSet.HeldOut, Top10);
        output.WriteLine($"FTS5 tuning: {tuning}");
        output.WriteLine($"FTS5 held-out: {heldOut}");
        // Measured 5 December 2026: 25/25 and 48/48, MRR 1.000 on both.
        Assert.Equal(heldOut.Total, heldOut.Found);
        Assert.True(heldOut.Mrr >= 0.99 && tuning.Mrr >= 0.99, $"{tuning} / {heldOut}");
    }
}
