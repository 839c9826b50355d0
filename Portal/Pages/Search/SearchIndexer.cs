using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Pages.Submissions;

namespace Portal.Pages.Search;

/// <summary>
/// Keeps the search index in step with the Documents and Submissions tables (one id space, see <see cref="SearchSources"/>):
/// inside DocumentService's and SubmissionService's transactions, in bulk for importers (call <see cref="IndexAsync"/> or
/// <see cref="IndexSubmissionsAsync"/> inside your own transaction), and by full rebuild or reconciliation.
/// </summary>
public sealed class SearchIndexer(ILegacySearchEngine engine, PortalDbContext db, PortalConnection connection, IOptions<SearchPageOptions> options)
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
        var items = new List<(int Position, LegacyIndexDocument Document)>(documents.Count);
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

    /// <summary>Indexes information items on the DbContext's connection, inside its current transaction if there is one.</summary>
    public async Task IndexSubmissionsAsync(IReadOnlyList<Submission> submissions, CancellationToken ct = default)
    {
        if (submissions.Count == 0) return;
        var ids = submissions.Where(s => s.Unit is null).Select(s => s.UnitId).Distinct().ToList();
        var units = ids.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var c = await OpenAsync(ct);
        engine.Index(c, db.Database.CurrentTransaction?.GetDbTransaction(),
            submissions.Select(s => SubmissionSearch.ToIndex(s, units.GetValueOrDefault(s.UnitId))).ToList());
    }

    /// <summary>Removes index entries by index id (a document's id, or a submission's negated id).</summary>
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

    public static LegacyIndexDocument ToIndex(Document d, IReadOnlyDictionary<int, string>? unitNames = null)
    {
        var unit = d.IssuingUnit?.Name
                   ?? (d.IssuingUnitId is int id && unitNames is not null && unitNames.TryGetValue(id, out var n) ? n : null)
                   ?? d.IssuingUnitName;
        return new LegacyIndexDocument(d.Id, d.Title, d.Body, d.DocType, unit, d.DocDate, AccessOf(d.Visibility, d.Grants.Select(g => (g.UnitId, g.Role))));
    }

    public static IReadOnlyList<string>? AccessOf(DocumentVisibility visibility, IEnumerable<(int? UnitId, string? Role)> grants) =>
        visibility == DocumentVisibility.Public
            ? null
            : grants.Select(g => g.UnitId is int u ? SearchAccess.UnitKey(u) : g.Role is { } r ? SearchAccess.RoleKey(r) : null)
                .Where(k => k is not null).Select(k => k!).Distinct().ToList();

    public sealed record Progress(int Done, int Total, double DocsPerSecond);

    /// <summary>
    /// Drops the index and rebuilds it from the Documents and Submissions tables: analysis of the next batch overlaps the
    /// writing of this one.
    /// </summary>
    public async Task<int> RebuildAsync(Action<Progress>? progress = null, CancellationToken ct = default)
    {
        using var c = connection.Open();
        engine.Clear(c);
        var total = Scalar(c, """SELECT count(*) FROM "Documents" WHERE "DuplicateOfId" IS NULL""") + Scalar(c, """SELECT count(*) FROM "Submissions" """);
        var done = await IndexFromAsync(c, ReadDocuments(c, only: null).Concat(ReadSubmissions(c, only: null)), total, progress, ct);
        engine.Optimize(c);
        return done;
    }

    /// <summary>
    /// Indexes documents and submissions missing from the index and removes index rows without their row (start-up,
    /// after crashes or raw imports).
    /// </summary>
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
            var documents = missing.Where(id => !SearchSources.IsSubmission(id)).ToHashSet();
            var submissions = missing.Where(SearchSources.IsSubmission).Select(SearchSources.SubmissionId).ToHashSet();
            var source = (documents.Count == 0 ? [] : ReadDocuments(c, documents))
                .Concat(submissions.Count == 0 ? [] : ReadSubmissions(c, submissions));
            added = await IndexFromAsync(c, source, missing.Count, null, ct);
            if (missing.Count > 10000) engine.Optimize(c);
        }
        return (added, orphans.Count);
    }

    /// <summary>Index ids (see <see cref="SearchSources"/>) of rows not in the index, and index ids without their row.</summary>
    public (List<int> Missing, List<int> Orphans) Compare(DbConnection c)
    {
        // Ascending index ids: submissions (negated, so the highest id first), then documents.
        var rows = new List<int>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """SELECT -"Id" FROM "Submissions" ORDER BY "Id" DESC""";
            using var r = cmd.ExecuteReader();
            while (r.Read()) rows.Add(r.GetInt32(0));
        }
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """SELECT "Id" FROM "Documents" WHERE "DuplicateOfId" IS NULL ORDER BY "Id" """;
            using var r = cmd.ExecuteReader();
            while (r.Read()) rows.Add(r.GetInt32(0));
        }
        var indexed = engine.IndexedIds(c).ToList();
        var missing = new List<int>();
        var orphans = new List<int>();
        int i = 0, j = 0;
        while (i < rows.Count || j < indexed.Count)
        {
            if (j >= indexed.Count || (i < rows.Count && rows[i] < indexed[j])) missing.Add(rows[i++]);
            else if (i >= rows.Count || indexed[j] < rows[i]) orphans.Add(indexed[j++]);
            else { i++; j++; }
        }
        return (missing, orphans);
    }

    private async Task<int> IndexFromAsync(DbConnection c, IEnumerable<LegacyIndexDocument> source, int total, Action<Progress>? progress, CancellationToken ct)
    {
        var size = Math.Max(100, options.Value.ReindexBatchSize);
        var watch = Stopwatch.StartNew();
        var done = 0;
        Task<PreparedBatch>? next = null;
        using var e = source.GetEnumerator();
        List<LegacyIndexDocument> Take()
        {
            var list = new List<LegacyIndexDocument>(size);
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

    /// <summary>Rows by ascending id, read in pages so a large table is never held in memory.</summary>
    /// <param name="sql">A query taking <c>@after</c> (the last id read) and <c>@n</c> (the page size), ordered by id.</param>
    private static IEnumerable<List<T>> ReadPages<T>(DbConnection c, string sql, Func<DbDataReader, T> read, Func<T, int> idOf)
    {
        const int page = 1000;
        var afterId = 0;
        while (true)
        {
            var rows = new List<T>(page);
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = sql;
                cmd.AddParameter("after", afterId);
                cmd.AddParameter("n", page);
                using var r = cmd.ExecuteReader();
                while (r.Read()) rows.Add(read(r));
            }
            if (rows.Count == 0) yield break;
            afterId = idOf(rows[^1]);
            yield return rows;
        }
    }

    private static DateOnly? DateAt(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    /// <summary>Documents by ascending id (all, or those in <paramref name="only"/>).</summary>
    private static IEnumerable<LegacyIndexDocument> ReadDocuments(DbConnection c, HashSet<int>? only)
    {
        const string sql = """
            SELECT d."Id", d."Title", d."Body", d."DocType", coalesce(u."Name", d."IssuingUnitName"), d."DocDate", d."Visibility"
            FROM "Documents" d LEFT JOIN "Units" u ON u."Id" = d."IssuingUnitId"
            WHERE d."Id" > @after AND d."DuplicateOfId" IS NULL ORDER BY d."Id" LIMIT @n
            """;
        foreach (var rows in ReadPages(c, sql, r => (Id: r.GetInt32(0), Title: r.GetString(1), Body: r.GetString(2), Type: r.GetString(3),
                     Unit: r.IsDBNull(4) ? null : r.GetString(4), Date: DateAt(r, 5), Visibility: r.GetInt32(6)), x => x.Id))
        {
            var restricted = rows.Where(x => x.Visibility != 0).Select(x => x.Id).ToList();
            var grants = restricted.Count == 0 ? [] : Grants(c, restricted);
            foreach (var x in rows)
            {
                if (only is not null && !only.Contains(x.Id)) continue;
                yield return new LegacyIndexDocument(x.Id, x.Title, x.Body, x.Type, x.Unit, x.Date,
                    AccessOf((DocumentVisibility)x.Visibility, grants.Where(g => g.DocumentId == x.Id).Select(g => (g.UnitId, g.Role))));
            }
        }
    }

    /// <summary>Information items by ascending id (all, or those whose submission id is in <paramref name="only"/>).</summary>
    private static IEnumerable<LegacyIndexDocument> ReadSubmissions(DbConnection c, HashSet<int>? only)
    {
        const string sql = """
            SELECT s."Id", s."UnitId", u."Name", s."Title", s."Body", s."SubmittedOn"
            FROM "Submissions" s LEFT JOIN "Units" u ON u."Id" = s."UnitId" WHERE s."Id" > @after ORDER BY s."Id" LIMIT @n
            """;
        return ReadPages(c, sql, r => (Id: r.GetInt32(0), UnitId: r.GetInt32(1), Unit: r.IsDBNull(2) ? null : r.GetString(2),
                    Title: r.GetString(3), Body: r.GetString(4), Date: DateAt(r, 5)!.Value), x => x.Id)
            .SelectMany(rows => rows)
            .Where(x => only is null || only.Contains(x.Id))
            .Select(x => SubmissionSearch.ToIndex(x.Id, x.UnitId, x.Unit, x.Title, x.Body, x.Date));
    }

    private static List<(int DocumentId, int? UnitId, string? Role)> Grants(DbConnection c, List<int> ids)
    {
        var list = new List<(int, int?, string?)>();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""SELECT "DocumentId", "UnitId", "Role" FROM "DocumentGrants" WHERE "DocumentId" IN ({string.Join(',', ids)})""";
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

/// <summary>verify: every document and information item is indexed and every index row has its row.</summary>
public sealed class SearchIndexCheck(SearchIndexer indexer, PortalConnection connection, ILegacySearchEngine engine) : IVerifyCheck
{
    public string Name => "检索索引";

    public Task<IReadOnlyList<string>> RunAsync()
    {
        using var c = connection.Open();
        engine.EnsureCreated(c);
        var (missing, orphans) = indexer.Compare(c);
        var problems = new List<string>();
        var (missingDocuments, missingSubmissions) = Split(missing);
        if (missingDocuments.Count > 0)
            problems.Add($"{missingDocuments.Count} 篇文档未建索引（如 {Examples(missingDocuments)}），请执行 reindex");
        if (missingSubmissions.Count > 0)
            problems.Add($"{missingSubmissions.Count} 条报送信息未建索引（如 {Examples(missingSubmissions)}），请执行 reindex");
        var (orphanDocuments, orphanSubmissions) = Split(orphans);
        if (orphanDocuments.Count > 0)
            problems.Add($"索引中有 {orphanDocuments.Count} 条记录对应的文档已不存在（如 {Examples(orphanDocuments)}），请执行 reindex");
        if (orphanSubmissions.Count > 0)
            problems.Add($"索引中有 {orphanSubmissions.Count} 条记录对应的报送信息已不存在（如 {Examples(orphanSubmissions)}），请执行 reindex");
        return Task.FromResult<IReadOnlyList<string>>(problems);
    }

    /// <summary>Index ids as document ids and submission ids (each kind numbered as its own pages number it).</summary>
    private static (List<int> Documents, List<int> Submissions) Split(List<int> indexIds) =>
        (indexIds.Where(id => !SearchSources.IsSubmission(id)).ToList(),
         indexIds.Where(SearchSources.IsSubmission).Select(SearchSources.SubmissionId).Order().ToList());

    private static string Examples(List<int> ids) => "#" + string.Join("、#", ids.Take(5));
}
