using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;

namespace Portal.Pages.Search;

/// <summary>
/// How features tell search what they changed: one <see cref="SearchChange"/> row per item, added to the DbContext's
/// current transaction, so the change and its record commit (or roll back) together. The index itself is written
/// after commit by <see cref="SearchIndexFollower"/>; <see cref="SearchCommitInterceptor"/> nudges it then and, unless
/// the write was a bulk one, waits the few milliseconds until the index has the change, so a page that redirects to a
/// search after saving finds what it saved.
/// </summary>
public sealed class SearchChangeLog(PortalDbContext db, PendingSearchChanges pending, TimeProvider time)
{
    /// <summary>Rows per INSERT statement (ids are integers written into the statement; two parameters each).</summary>
    private const int Chunk = 500;

    /// <summary>Library documents added, edited, deleted, or marked or freed as near-duplicates.</summary>
    /// <param name="bulk">Imports: do not wait for the index after commit (the follower catches up in large batches).</param>
    public Task DocumentsChangedAsync(IEnumerable<int> ids, CancellationToken ct = default, bool bulk = false) =>
        RecordAsync(SearchChange.DocumentSource, ids, bulk, ct);

    /// <summary>Information items added or edited (title, body, date, unit).</summary>
    public Task SubmissionsChangedAsync(IEnumerable<int> ids, CancellationToken ct = default, bool bulk = false) =>
        RecordAsync(SearchChange.SubmissionSource, ids, bulk, ct);

    private async Task RecordAsync(string source, IEnumerable<int> ids, bool bulk, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var now = time.GetUtcNow().UtcDateTime;
        // SQLite keeps timestamps as text, as EF's SQLite provider writes them; PostgreSQL as timestamp.
        object at = db.Database.IsSqlite() ? now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : now;
        long last = 0;
        foreach (var chunk in list.Chunk(Chunk))
            last = Math.Max(last, await InsertAsync(connection, transaction, source, chunk, at, ct));
        pending.Add(last, wait: !bulk);
        if (transaction is null) await pending.CommittedAsync(ct);
    }

    /// <returns>The largest change number written.</returns>
    private static async Task<long> InsertAsync(DbConnection c, DbTransaction? tx, string source, int[] ids, object at, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO \"SearchChanges\" (\"Source\", \"EntityId\", \"ChangedAt\") VALUES " +
                          string.Join(", ", ids.Select(id => string.Create(CultureInfo.InvariantCulture, $"(@source, {id}, @at)"))) +
                          " RETURNING \"Id\"";
        cmd.AddParameter("@source", source);
        cmd.AddParameter("@at", at);
        long last = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) last = Math.Max(last, r.GetInt64(0));
        return last;
    }
}

/// <summary>The change numbers this scope's DbContext has written and not yet seen committed (scoped, like the context).</summary>
public sealed class PendingSearchChanges(SearchIndexFollower follower)
{
    private long _last;
    private long _waitFor;

    internal void Add(long change, bool wait)
    {
        _last = Math.Max(_last, change);
        if (wait) _waitFor = Math.Max(_waitFor, change);
    }

    /// <summary>After commit: nudges the follower and waits (briefly, see <see cref="SearchFollowerOptions.WaitAfterWrite"/>) for what must be searchable now.</summary>
    internal async Task CommittedAsync(CancellationToken ct)
    {
        if (_last == 0) return;
        var waitFor = _waitFor;
        _last = _waitFor = 0;
        follower.Nudge();
        if (waitFor > 0) await follower.WaitForAsync(waitFor, null, ct);
    }

    internal void Committed()
    {
        if (_last == 0) return;
        _last = _waitFor = 0;
        follower.Nudge();
    }

    internal void RolledBack() => _last = _waitFor = 0;
}

/// <summary>Tells <see cref="PendingSearchChanges"/> when the DbContext's transaction ends.</summary>
public sealed class SearchCommitInterceptor(PendingSearchChanges pending) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => pending.Committed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) =>
        pending.CommittedAsync(ct);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending.RolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        pending.RolledBack();
        return Task.CompletedTask;
    }
}
