using Portal.Data;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>
/// verify: the index holds every row its source indexes, with the row's latest change, once, and nothing else. It first
/// applies the committed changes (as the portal would at start); when the running portal holds the index, its follower
/// does that and changes it has not reached yet are not reported.
/// </summary>
public sealed class SearchIndexCheck(SearchIndexFollower follower, IEnumerable<ISearchSource> sources, PortalDbContext db) : IVerifyCheck
{
    public string Name => "检索索引";

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        // Changes committed but not yet applied are no inconsistency (the running portal, if any, applies them itself).
        await follower.TryCatchUpAsync();
        var c = await SearchIndexComparison.RunAsync(follower.Engine, sources, db);
        var problems = new List<string>();
        foreach (var group in c.Missing.GroupBy(k => k.Source))
            problems.Add($"{Count(group)}未建索引（如 {Examples(group)}），请执行 reindex");
        foreach (var group in c.Orphans.GroupBy(k => k.Source))
            problems.Add($"索引中有 {group.Count()} 条记录对应的{Noun(group.Key)}已不存在（如 {Examples(group)}），请执行 reindex");
        foreach (var group in c.Stale.GroupBy(k => k.Source))
            problems.Add($"{Count(group)}的索引内容不是最新的修改（如 {Examples(group)}），请执行 reindex");
        foreach (var group in c.Duplicates.GroupBy(k => k.Source))
            problems.Add($"{Count(group)}在索引中重复出现（如 {Examples(group)}），请执行 reindex");
        return problems;
    }

    private static string Count(IGrouping<string, IndexKey> keys) =>
        keys.Key == SearchChange.SubmissionSource ? $"{keys.Count()} 条报送信息" : $"{keys.Count()} 篇{Noun(keys.Key)}";

    private static string Noun(string source) => source switch
    {
        SearchChange.DocumentSource => "文档",
        SearchChange.SubmissionSource => "报送信息",
        _ => source,
    };

    /// <summary>Ids as each feature's pages number them.</summary>
    private static string Examples(IEnumerable<IndexKey> keys) => "#" + string.Join("、#", keys.Take(5).Select(k => k.Id));
}
