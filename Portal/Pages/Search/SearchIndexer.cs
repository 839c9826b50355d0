using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>
/// Keeps the search index in step with the Documents table: inside DocumentService's transactions, in bulk for
/// importers (call <see cref="IndexAsync"/> inside your own transaction), and by full rebuild or reconciliation.
/// </summary>
public sealed class SearchIndexer(ISearchEngine engine, PortalDbContext db, PortalConnection connection, IOptions<SearchPageOptions> options)
{
    /// <summary>
    /// Indexes documents on the DbContext's connection, inside its current transaction if there is one.
    /// A piece marked as a near-duplicate of another (DuplicateOfId) is not indexed, so it never shows twice in results.
    /// </summary>
    public async Task IndexAsync(IReadOnlyList<Document> documents, CancellationToken ct = default)
    {
        var duplicates = documents.Where(d => d.DuplicateOfId is not null).Select(d => d.Id).ToList();
        if (duplicates.Count > 0) await UnindexAsync(duplicates, ct);
        documents = documents.Where(d => d.DuplicateOfId is null).ToList();
        if (documents.Count == 0) return;
        var units = await UnitNamesAsync(documents, ct);
        var c = await OpenAsync(ct);
        engine.Index(c, db.Database.CurrentTransaction?.GetDbTransaction(), documents.Select(d => ToIndex(d, units)).ToList());
    }

    /// <summary>Analyses documents ahead of saving them (thread-safe, no database): bulk importers analyse the next batch while this one is written.</summary>
    public PreparedBatch Prepare(IReadOnlyList<Document> documents) => engine.Prepare(documents.Select(d => ToIndex(d)).ToList());

    /// <summary>
    /// <see cref="IndexAsync"/> for documents analysed by <see cref="Prepare"/>: <paramref name="positions"/>[i] is the
    /// position of <paramref name="documents"/>[i] in the prepared batch. Call after the rows are saved (ids known).
    /// </summary>
    public async Task IndexPreparedAsync(IReadOnlyList<Document> documents, PreparedBatch prepared, IReadOnlyList<int> positions, CancellationToken ct = default)
    {
        var units = await UnitNamesAsync(documents, ct);
        var items = new List<(int Position, IndexDocument Document)>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
            if (documents[i].DuplicateOfId is null) items.Add((positions[i], ToIndex(documents[i], units)));
        if (items.Count == 0) return;
        var c = await OpenAsync(ct);
        engine.Write(c, db.Database.CurrentTransaction?.GetDbTransaction(), prepared.Rebind(items));
    }

    /// <summary>Merges the index after a large import (and rebuilds the frequent words' impact lists).</summary>
    public void Optimize()
    {
        using var c = connection.Open();
        engine.Optimize(c);
    }

    public async Task UnindexAsync(IReadOnlyList<int> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return;
        var c = await OpenAsync(ct);
        engine.Remove(c, db.Database.CurrentTransaction?.GetDbTransaction(), ids);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var c = db.Database.GetDbConnection();
        if (c.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return c;
    }

    private async Task<Dictionary<int, string>> UnitNamesAsync(IReadOnlyList<Document> documents, CancellationToken ct)
    {
        var ids = documents.Where(d => d.IssuingUnitId is not null && d.IssuingUnit is null).Select(d => d.IssuingUnitId!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    public static IndexDocument ToIndex(Document d, IReadOnlyDictionary<int, string>? unitNames = null)
    {
        var unit = d.IssuingUnit?.Name
                   ?? (d.IssuingUnitId is int id && unitNames is not null && unitNames.TryGetValue(id, out var n) ? n : null)
                   ?? d.IssuingUnitName;
        return new IndexDocument(d.Id, d.Title, d.Body, d.DocType, unit, d.DocDate, AccessOf(d.Visibility, d.Grants.Select(g => (g.UnitId, g.Role))));
    }

    public static IReadOnlyList<string>? AccessOf(DocumentVisibility visibility, IEnumerable<(int? UnitId, string? Role)> grants) =>
        visibility == DocumentVisibility.Public
            ? null
            : grants.Select(g => g.UnitId is int u ? SearchAccess.UnitKey(u) : g.Role is { } r ? SearchAccess.RoleKey(r) : null)
                .Where(k => k is not null).Select(k => k!).Distinct().ToList();

    public sealed record Progress(int Done, int Total, double DocsPerSecond);

    /// <summary>Drops the index and rebuilds it from the Documents table: analysis of the next batch overlaps the writing of this one.</summary>
    public async Task<int> RebuildAsync(Action<Progress>? progress = null, CancellationToken ct = default)
    {
        using var c = connection.Open();
        engine.Clear(c);
        var total = Scalar(c, "SELECT count(*) FROM Documents WHERE DuplicateOfId IS NULL");
        var done = await IndexFromAsync(c, ReadDocuments(c, afterId: 0, only: null), total, progress, ct);
        engine.Optimize(c);
        return done;
    }

    /// <summary>Indexes documents missing from the index and removes index rows without a document (start-up, after crashes or raw imports).</summary>
    public async Task<(int Added, int Removed)> ReconcileAsync(CancellationToken ct = default)
    {
        using var c = connection.Open();
        engine.EnsureCreated(c);
        var (missing, orphans) = Compare(c);
        if (orphans.Count > 0)
        {
            using var tx = c.BeginTransaction();
            engine.Remove(c, tx, orphans);
            tx.Commit();
        }
        var added = 0;
        if (missing.Count > 0)
        {
            added = await IndexFromAsync(c, ReadDocuments(c, 0, missing.ToHashSet()), missing.Count, null, ct);
            if (missing.Count > 10000) engine.Optimize(c);
        }
        return (added, orphans.Count);
    }

    /// <summary>Document ids not in the index, and index ids without a document.</summary>
    public (List<int> Missing, List<int> Orphans) Compare(DbConnection c)
    {
        var docs = new List<int>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT Id FROM Documents WHERE DuplicateOfId IS NULL ORDER BY Id";
            using var r = cmd.ExecuteReader();
            while (r.Read()) docs.Add(r.GetInt32(0));
        }
        var indexed = engine.IndexedIds(c).ToList();
        var missing = new List<int>();
        var orphans = new List<int>();
        int i = 0, j = 0;
        while (i < docs.Count || j < indexed.Count)
        {
            if (j >= indexed.Count || (i < docs.Count && docs[i] < indexed[j])) missing.Add(docs[i++]);
            else if (i >= docs.Count || indexed[j] < docs[i]) orphans.Add(indexed[j++]);
            else { i++; j++; }
        }
        return (missing, orphans);
    }

    private async Task<int> IndexFromAsync(DbConnection c, IEnumerable<IndexDocument> source, int total, Action<Progress>? progress, CancellationToken ct)
    {
        var size = Math.Max(100, options.Value.ReindexBatchSize);
        var watch = Stopwatch.StartNew();
        var done = 0;
        Task<PreparedBatch>? next = null;
        using var e = source.GetEnumerator();
        List<IndexDocument> Take()
        {
            var list = new List<IndexDocument>(size);
            while (list.Count < size && e.MoveNext()) list.Add(e.Current);
            return list;
        }
        var first = Take();
        if (first.Count == 0) return 0;
        next = Task.Run(() => engine.Prepare(first), ct);
        while (next is not null)
        {
            var batch = await next;
            // Read the next batch on this thread (the reader shares the connection), then analyse it in the background.
            var following = Take();
            next = following.Count == 0 ? null : Task.Run(() => engine.Prepare(following), ct);
            using (var tx = c.BeginTransaction())
            {
                engine.Write(c, tx, batch);
                tx.Commit();
            }
            done += batch.Documents.Count;
            progress?.Invoke(new Progress(done, total, done / Math.Max(watch.Elapsed.TotalSeconds, 1e-3)));
            ct.ThrowIfCancellationRequested();
        }
        return done;
    }

    /// <summary>Documents by ascending id, read in pages so a large table is never held in memory.</summary>
    private static IEnumerable<IndexDocument> ReadDocuments(DbConnection c, int afterId, HashSet<int>? only)
    {
        const int page = 1000;
        while (true)
        {
            var rows = new List<(int Id, string Title, string Body, string Type, string? Unit, DateOnly? Date, int Visibility)>(page);
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "SELECT d.Id, d.Title, d.Body, d.DocType, coalesce(u.Name, d.IssuingUnitName), d.DocDate, d.Visibility " +
                                  "FROM Documents d LEFT JOIN Units u ON u.Id = d.IssuingUnitId WHERE d.Id > $after AND d.DuplicateOfId IS NULL ORDER BY d.Id LIMIT $n";
                var p1 = cmd.CreateParameter(); p1.ParameterName = "$after"; p1.Value = afterId; cmd.Parameters.Add(p1);
                var p2 = cmd.CreateParameter(); p2.ParameterName = "$n"; p2.Value = page; cmd.Parameters.Add(p2);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                    rows.Add((r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                        r.IsDBNull(5) ? null : DateOnly.Parse(r.GetString(5), CultureInfo.InvariantCulture), r.GetInt32(6)));
            }
            if (rows.Count == 0) yield break;
            afterId = rows[^1].Id;
            var restricted = rows.Where(x => x.Visibility != 0).Select(x => x.Id).ToList();
            var grants = restricted.Count == 0 ? [] : Grants(c, restricted);
            foreach (var x in rows)
            {
                if (only is not null && !only.Contains(x.Id)) continue;
                yield return new IndexDocument(x.Id, x.Title, x.Body, x.Type, x.Unit, x.Date,
                    AccessOf((DocumentVisibility)x.Visibility, grants.Where(g => g.DocumentId == x.Id).Select(g => (g.UnitId, g.Role))));
            }
        }
    }

    private static List<(int DocumentId, int? UnitId, string? Role)> Grants(DbConnection c, List<int> ids)
    {
        var list = new List<(int, int?, string?)>();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT DocumentId, UnitId, Role FROM DocumentGrants WHERE DocumentId IN ({string.Join(',', ids)})";
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add((r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2)));
        return list;
    }

    private static int Scalar(DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

/// <summary>Creates the index tables at start-up and indexes whatever documents it is missing (e.g. a database from before search).</summary>
public sealed class SearchIndexInitializer(IServiceScopeFactory scopes, ILogger<SearchIndexInitializer> log) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (added, removed) = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ReconcileAsync(ct);
        if (added + removed > 0) log.LogInformation("检索索引已校准：补建 {Added} 篇，移除 {Removed} 条", added, removed);
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>verify: every document is indexed and every index row has its document.</summary>
public sealed class SearchIndexCheck(SearchIndexer indexer, PortalConnection connection, ISearchEngine engine) : IVerifyCheck
{
    public string Name => "检索索引";

    public Task<IReadOnlyList<string>> RunAsync()
    {
        using var c = connection.Open();
        engine.EnsureCreated(c);
        var (missing, orphans) = indexer.Compare(c);
        var problems = new List<string>();
        if (missing.Count > 0)
            problems.Add($"{missing.Count} 篇文档未建索引（如 #{string.Join("、#", missing.Take(5))}），请执行 reindex");
        if (orphans.Count > 0)
            problems.Add($"索引中有 {orphans.Count} 条记录对应的文档已不存在（如 #{string.Join("、#", orphans.Take(5))}），请执行 reindex");
        return Task.FromResult<IReadOnlyList<string>>(problems);
    }
}
