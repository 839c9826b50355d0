using System.Globalization;
using System.Text.Json;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;

namespace Portal.Tests.Search.Relevance;

/// <summary>A query of the relevance set and the documents that answer it (any of them in the top 10 counts as found).</summary>
public sealed record RelevanceQuery(string Text, IReadOnlySet<int> Relevant);

/// <summary>One engine's figures on one query set: found in the top 10 (n of N) and the mean reciprocal rank.</summary>
public sealed record RelevanceScore(int Found, int Total, double Mrr, IReadOnlyList<string> Misses)
{
    public override string ToString() =>
        $"found@10 {Found}/{Total}, MRR {Mrr.ToString("0.000", CultureInfo.InvariantCulture)}" +
        (Misses.Count > 0 ? "; " + string.Join("; ", Misses) : "");
}

/// <summary>
/// Our own relevance set (TestData/Relevance): 70 short office documents written for it in the kind of the sample texts
/// (notices with their 文号, speeches, 简报 and 政务信息, some in Traditional characters), a tuning query set and a
/// held-out set written with the documents, before any engine ran on them. bench/README.md (issue 19) has the table.
/// </summary>
public static class RelevanceSet
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "TestData", "Relevance");

    public static IReadOnlyList<IndexDocument> Documents { get; } = ReadDocuments();
    public static IReadOnlyList<RelevanceQuery> Tuning { get; } = ReadQueries("tuning.tsv");
    public static IReadOnlyList<RelevanceQuery> HeldOut { get; } = ReadQueries("heldout.tsv");

    /// <param name="top10">The ids of the first ten hits for a query, best first.</param>
    public static RelevanceScore Measure(IReadOnlyList<RelevanceQuery> queries, Func<SearchQuery, IReadOnlyList<int>> top10)
    {
        int found = 0;
        double reciprocal = 0;
        var misses = new List<string>();
        foreach (var q in queries)
        {
            var ids = top10(QueryParser.Parse(q.Text));
            var top = ids.Take(10).ToList();
            var rank = top.FindIndex(q.Relevant.Contains) + 1;   // 0: not in the top 10
            if (rank > 0)
            {
                found++;
                reciprocal += 1.0 / rank;
            }
            if (rank != 1) misses.Add($"{q.Text} → {(rank == 0 ? "not in top 10" : "rank " + rank)} [{string.Join(",", ids.Take(5))}]");
        }
        return new RelevanceScore(found, queries.Count, queries.Count == 0 ? 0 : reciprocal / queries.Count, misses);
    }

    /// <summary>The set indexed into a fresh Lucene engine with the given <c>Search:Analyzer</c>, measured on both query sets.</summary>
    public static (RelevanceScore Tuning, RelevanceScore HeldOut) MeasureLucene(string analyzer)
    {
        var path = Path.Combine(Path.GetTempPath(), "relevance-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var engine = new LuceneSearchEngine(new SearchEngineOptions { IndexPath = path, Analyzer = analyzer },
                new TextAnalysis(ChineseAnalyzer.Default));
            engine.Apply(Documents, [], Documents.Count);
            IReadOnlyList<int> Top10(SearchQuery query) =>
                engine.Search(new SearchRequest(query, SearchAccess.Everything) { PageSize = 10, WithFacets = false, WithSnippets = false })
                    .Hits.Select(h => h.Id).ToList();
            return (Measure(Tuning, Top10), Measure(HeldOut, Top10));
        }
        finally
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }

    private static List<IndexDocument> ReadDocuments() =>
        File.ReadLines(Path.Combine(Dir, "documents.jsonl"), System.Text.Encoding.UTF8)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var r = json.RootElement;
                return new IndexDocument(new IndexKey("document", r.GetProperty("id").GetInt32()), r.GetProperty("title").GetString()!,
                    r.GetProperty("body").GetString()!, r.GetProperty("type").GetString()!, r.GetProperty("unit").GetString(),
                    DateOnly.ParseExact(r.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), null, Version: 1);
            })
            .ToList();

    private static List<RelevanceQuery> ReadQueries(string file) =>
        File.ReadLines(Path.Combine(Dir, file), System.Text.Encoding.UTF8)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t'))
            .Select(p => new RelevanceQuery(p[0], p[1].Split(',').Select(int.Parse).ToHashSet()))
            .ToList();
}
