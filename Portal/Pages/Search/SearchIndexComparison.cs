using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>
/// The index against the database (verify, 索引维护): rows without their entry (missing), entries without their row
/// (orphans), entries older than their row's latest change (stale) and keys indexed twice. A key whose latest change the
/// index has not applied yet is pending, not wrong: the follower is on its way to it.
/// </summary>
public sealed record SearchIndexComparison(
    IReadOnlyList<IndexKey> Missing, IReadOnlyList<IndexKey> Orphans, IReadOnlyList<IndexKey> Stale, IReadOnlyList<IndexKey> Duplicates,
    int Pending)
{
    public bool Agrees => Missing.Count + Orphans.Count + Stale.Count + Duplicates.Count == 0;

    public static async Task<SearchIndexComparison> RunAsync(ISearchEngine engine, IEnumerable<ISearchSource> sources, PortalDbContext db,
        CancellationToken ct = default)
    {
        // The applied position first, then the entries, then rows and changes: a write committed while this runs has a
        // change past `applied` and counts as pending wherever it shows.
        var applied = engine.AppliedChange;
        var indexed = new Dictionary<IndexKey, long>();
        var duplicates = new HashSet<IndexKey>();
        foreach (var (key, version) in engine.Entries())
            if (!indexed.TryAdd(key, version)) duplicates.Add(key);
        var rows = new HashSet<IndexKey>();
        foreach (var source in sources)
            await foreach (var id in source.IdsAsync(ct)) rows.Add(new IndexKey(source.Name, id));
        var latest = (await db.Set<SearchChange>().AsNoTracking()
                .GroupBy(c => new { c.Source, c.EntityId })
                .Select(g => new { g.Key.Source, g.Key.EntityId, Change = g.Max(c => c.Id) })
                .ToListAsync(ct))
            .ToDictionary(x => new IndexKey(x.Source, x.EntityId), x => x.Change);

        bool Pending(IndexKey key) => latest.TryGetValue(key, out var change) && change > applied;
        return new SearchIndexComparison(
            Sorted(rows.Where(k => !indexed.ContainsKey(k) && !Pending(k))),
            Sorted(indexed.Keys.Where(k => !rows.Contains(k) && !Pending(k))),
            Sorted(indexed.Where(e => rows.Contains(e.Key) && latest.TryGetValue(e.Key, out var change) && change <= applied && e.Value < change)
                .Select(e => e.Key)),
            Sorted(duplicates),
            latest.Values.Count(change => change > applied));
    }

    private static List<IndexKey> Sorted(IEnumerable<IndexKey> keys) =>
        keys.OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Id).ToList();
}
