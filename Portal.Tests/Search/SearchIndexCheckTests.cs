using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;
using Portal.Pages.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>
/// verify's 检索索引 check on the portal's own index: each way the index can disagree with the database is reported with
/// examples and the advice to reindex; changes the index has not reached yet are not faults; a rebuild makes it agree.
/// </summary>
public class SearchIndexCheckTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<IReadOnlyList<string>> VerifyAsync() => factory.WithScopeAsync(sp =>
        sp.GetServices<IVerifyCheck>().OfType<SearchIndexCheck>().Single().RunAsync());

    private Task<SearchIndexComparison> CompareAsync(ISearchEngine engine) => factory.WithScopeAsync(sp =>
        SearchIndexComparison.RunAsync(engine, sp.GetServices<ISearchSource>(), sp.GetRequiredService<PortalDbContext>()));

    /// <summary>Every row's entry as the sources give it, with its latest change number, and the last change number.</summary>
    private Task<(List<IndexDocument> Entries, long Last)> EntriesAsync() => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PortalDbContext>();
        var versions = db.Set<SearchChange>().GroupBy(c => new { c.Source, c.EntityId })
            .Select(g => new { g.Key.Source, g.Key.EntityId, Change = g.Max(c => c.Id) }).ToList()
            .ToDictionary(x => new IndexKey(x.Source, x.EntityId), x => x.Change);
        var list = new List<IndexDocument>();
        foreach (var source in sp.GetServices<ISearchSource>())
        {
            var ids = new List<int>();
            await foreach (var id in source.IdsAsync(CancellationToken.None)) ids.Add(id);
            list.AddRange((await source.LoadAsync(ids, CancellationToken.None)).Select(d => d with { Version = versions.GetValueOrDefault(d.Key) }));
        }
        return (list, versions.Values.DefaultIfEmpty(0).Max());
    });

    [Fact]
    public async Task Verify_ReportsMissingOrphanStaleAndDuplicateEntries_AndAgreesAgainAfterReindex()
    {
        var follower = factory.Services.GetRequiredService<SearchIndexFollower>();
        var engine = factory.Services.GetRequiredService<ISearchEngine>();
        Assert.Empty(await VerifyAsync());

        var (entries, _) = await EntriesAsync();
        var documents = entries.Where(d => d.Key.Source == SearchChange.DocumentSource && d.Version > 0).Take(3).ToList();
        Assert.Equal(3, documents.Count);
        var (lost, old, twice) = (documents[0], documents[1], documents[2]);
        var applied = engine.AppliedChange;
        engine.Apply(
            [old with { Version = old.Version - 1 }, new IndexDocument(new IndexKey("document", 987654), "已删除的文档", "正文", "通知", null, null, null, applied)],
            [lost.Key], applied);
        var problems = await VerifyAsync();
        Assert.Contains($"1 篇文档未建索引（如 #{lost.Key.Id}），请执行 reindex", problems);
        Assert.Contains("索引中有 1 条记录对应的文档已不存在（如 #987654），请执行 reindex", problems);
        Assert.Contains($"1 篇文档的索引内容不是最新的修改（如 #{old.Key.Id}），请执行 reindex", problems);
        Assert.Equal(3, problems.Count);

        // A build that fed one row twice (a bulk write into an empty directory adds without replacing by key).
        using (var rebuild = engine.BeginRebuild())
        {
            rebuild.Add(entries.Append(twice));
            rebuild.Complete(engine.AppliedChange);
        }
        Assert.Equal($"1 篇文档在索引中重复出现（如 #{twice.Key.Id}），请执行 reindex", Assert.Single(await VerifyAsync()));

        Assert.True(await follower.RebuildAsync() > 0);
        Assert.Empty(await VerifyAsync());
    }

    [Fact]
    public async Task ChangesTheIndexHasNotReached_ArePending_NotFaults_UntilItsPositionPassesThem()
    {
        // An index of its own (the portal's follower keeps the live one moving), holding every row as of the last change.
        var (entries, last) = await EntriesAsync();
        using var engine = new LuceneSearchEngine(new SearchEngineOptions { IndexPath = Path.Combine(factory.DataDirectory, "pending-index") },
            factory.Services.GetRequiredService<TextAnalysis>());
        engine.Apply(entries, [], last);
        Assert.True((await CompareAsync(engine)).Agrees);

        // A document changed after that position, and a row written and deleted again: committed, not applied.
        var edited = entries.First(d => d.Key.Source == SearchChange.DocumentSource);
        var through = factory.Db(db =>
        {
            var changes = new[] { edited.Key.Id, 876543 }
                .Select(id => new SearchChange { Source = SearchChange.DocumentSource, EntityId = id, ChangedAt = DateTime.UtcNow }).ToList();
            db.AddRange(changes);
            db.SaveChanges();
            return changes.Max(c => c.Id);
        });
        var pending = await CompareAsync(engine);
        Assert.True(pending.Agrees);
        Assert.Equal(2, pending.Pending);

        // The position moved past them without the entry being rewritten: now it is stale.
        engine.Apply([], [], through);
        var stale = await CompareAsync(engine);
        Assert.Equal([edited.Key], stale.Stale);
        Assert.Equal(0, stale.Pending);
    }
}
