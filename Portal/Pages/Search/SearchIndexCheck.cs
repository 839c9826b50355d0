using Portal.Data;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>verify: every row a source indexes is in the index, and every index entry has its row.</summary>
public sealed class SearchIndexCheck(SearchIndexFollower follower, IEnumerable<ISearchSource> sources) : IVerifyCheck
{
    public string Name => "检索索引";

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        // Changes committed but not yet applied are no inconsistency (the running portal, if any, applies them itself).
        await follower.TryCatchUpAsync();
        var indexed = follower.Engine.Entries().Select(e => e.Key).ToHashSet();
        var problems = new List<string>();
        foreach (var source in sources)
        {
            var rows = new HashSet<int>();
            await foreach (var id in source.IdsAsync(CancellationToken.None)) rows.Add(id);
            var missing = rows.Where(id => !indexed.Contains(new IndexKey(source.Name, id))).Order().ToList();
            var orphans = indexed.Where(k => k.Source == source.Name && !rows.Contains(k.Id)).Select(k => k.Id).Order().ToList();
            if (missing.Count > 0) problems.Add($"{missing.Count} 条{Noun(source)}未建索引（如 {Examples(missing)}），请执行 reindex");
            if (orphans.Count > 0) problems.Add($"索引中有 {orphans.Count} 条记录对应的{Noun(source)}已不存在（如 {Examples(orphans)}），请执行 reindex");
        }
        return problems;
    }

    private static string Noun(ISearchSource source) => source.Name == SearchChange.SubmissionSource ? "报送信息" : "文档";

    private static string Examples(List<int> ids) => "#" + string.Join("、#", ids.Take(5));
}
