using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

/// <summary>Tunables of the follower (section <c>Search</c>).</summary>
public sealed class SearchFollowerOptions
{
    /// <summary>How often the change rows are read when nothing nudged (other instances' writes arrive within this).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// On PostgreSQL change numbers may commit out of order: a missing number younger than this is taken for a
    /// transaction still running, and the recorded position never passes it; older, for one rolled back.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a local commit, how long a writer waits at most for its change to be searchable.</summary>
    public TimeSpan WaitAfterWrite { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Change rows read per batch.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>At start, work up to this many items is done before the portal takes requests; more goes on in the background.</summary>
    public int StartupInline { get; set; } = 5000;

    /// <summary>After a bulk load (an import, a build), the index is merged into one segment once no change came for this long.</summary>
    public TimeSpan CompactAfterQuiet { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The entries a bulk load must have written for the portal to merge the index afterwards: smaller loads leave few
    /// segments, which the merge policy keeps in hand (the import and reindex verbs merge after any bulk load).
    /// </summary>
    public int CompactAfterBulk { get; set; } = 10_000;
}

/// <summary>How far the index is: caught up, or building/catching up with <see cref="Done"/> of <see cref="Total"/>.</summary>
public sealed record SearchIndexStatus(bool CaughtUp, long Done, long Total)
{
    public static SearchIndexStatus Current { get; } = new(true, 0, 0);
}

/// <summary>Progress of a build or rebuild, for the 索引维护 page and the <c>reindex</c> verb.</summary>
public sealed record SearchIndexProgress(int Done, int Total, double DocsPerSecond);

/// <summary>
/// Keeps this instance's search index in step with the database by following the <see cref="SearchChange"/> rows: after
/// each local commit (<see cref="Nudge"/>) and every <see cref="SearchFollowerOptions.PollInterval"/> (other instances'
/// writes), it reads the rows past the last one applied, asks each feature's <see cref="ISearchSource"/> for the current
/// entries of those ids (absent → deleted from the index) and applies them with the change number reached, which the
/// index stores in the same commit: a crash at any moment loses nothing and applies nothing twice that matters
/// (applying replaces by key). An empty index is built from the sources at start, in the background, with a progress line.
/// </summary>
public sealed class SearchIndexFollower(
    IServiceProvider services, IServiceScopeFactory scopes, IOptions<SearchFollowerOptions> options, TimeProvider time,
    ILogger<SearchIndexFollower> log) : IHostedService, IDisposable
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private const int MaxGap = 10_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _nudge = new(0, 1);
    private readonly object _lock = new();
    // Change numbers seen missing (PostgreSQL: not committed yet, or rolled back) → when first seen.
    private readonly SortedDictionary<long, DateTime> _gaps = new();
    private long _read = -1;
    // The index's position when last seen: lower now means another process swapped in a rebuilt index.
    private long _applied;
    private TaskCompletionSource _progress = NewSignal();
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private volatile bool _running;
    private volatile SearchIndexStatus _status = SearchIndexStatus.Current;
    private ISearchEngine? _engine;
    private int _disposed;
    // Entries written in bulk since the index was last merged into one segment, and when the last bulk write was.
    private int _bulkSinceCompact;
    private DateTimeOffset _lastBulk;
    private Task _compaction = Task.CompletedTask;
    private int _compactions;

    private SearchFollowerOptions Options => options.Value;

    /// <summary>The engine, opened when first needed (command-line verbs that never search never open the index).</summary>
    public ISearchEngine Engine => _engine ??= services.GetRequiredService<ISearchEngine>();

    /// <summary>The last change number whose effects are committed in the index.</summary>
    public long AppliedChange => Engine.AppliedChange;

    public SearchIndexStatus Status => _status;

    /// <summary>How many times this process merged the index into one segment (see <see cref="CompactAsync"/>).</summary>
    public int Compactions => Volatile.Read(ref _compactions);

    /// <summary>A local commit wrote change rows: read them now rather than at the next poll.</summary>
    public void Nudge()
    {
        try { _nudge.Release(); }
        catch (SemaphoreFullException) { } // already nudged
        catch (ObjectDisposedException) { } // shutting down
    }

    /// <summary>
    /// Waits until change <paramref name="change"/> is applied (searchable) or the timeout passes. Returns at once when
    /// the follower is not running (command line, start-up) or is still building: writes then must not wait on it.
    /// </summary>
    public async Task<bool> WaitForAsync(long change, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? Options.WaitAfterWrite;
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                if (Applied(change)) return true;
                signal = _progress.Task;
            }
            // The index's own safe point (also when another process writes it and this engine only reads).
            if (_engine is { } engine && engine.AppliedChange >= change) return true;
            if (!_running || !_status.CaughtUp) return false;
            var left = limit - deadline.Elapsed;
            if (left <= TimeSpan.Zero) return false;
            Nudge();
            await Task.WhenAny(signal, Task.Delay(left, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    private bool Applied(long change) => _read >= change && !_gaps.ContainsKey(change);

    public async Task StartAsync(CancellationToken ct)
    {
        _stopping = new CancellationTokenSource();
        try
        {
            // Little to do (a test, a restart after a few writes): done before the portal answers.
            if (await PendingWorkAsync(ct) <= Options.StartupInline) await CatchUpAsync(ct);
            Engine.Warm();
        }
        catch (IndexLockedException) { } // another process writes this index (see LoopAsync)
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "检索索引启动时追赶失败，将在后台重试");
        }
        _running = true;
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        _running = false;
        if (_stopping is null || _loop is null) return;
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(ct);
            // A merge under way finishes before the engine is closed (closing would abort it half-way).
            await _compaction.WaitAsync(ct);
        }
        catch (OperationCanceledException) { }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Engine.Refresh();
                await CatchUpAsync(ct);
                failures = 0;
                if (Volatile.Read(ref _bulkSinceCompact) >= Options.CompactAfterBulk && _compaction.IsCompleted
                    && time.GetUtcNow() - _lastBulk >= Options.CompactAfterQuiet)
                    _ = CompactAsync();
                await _nudge.WaitAsync(Options.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (IndexLockedException)
            {
                // Another process (the running portal, beside a command-line verb) writes this index and follows the rows
                // itself; waiters check the index's position, which this engine reads after each Refresh.
                Signal();
                try { await Task.Delay(Options.PollInterval, ct); }
                catch (OperationCanceledException) { return; }
            }
            catch (Exception ex)
            {
                // A database or index that is briefly unavailable: log once in a while, back off, go on.
                if (failures++ % 20 == 0) log.LogError(ex, "检索索引跟随变更失败（第 {Failures} 次），稍后重试", failures);
                try { await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>How many items are waiting: the whole database for an empty index, otherwise the change rows not applied.</summary>
    private async Task<long> PendingWorkAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var last = await LastChangeAsync(db, ct);
        if (NeedsBuild(last)) return await CountRowsAsync(scope.ServiceProvider, ct);
        return last - Engine.AppliedChange;
    }

    /// <summary>An empty index (a new instance or directory), or one ahead of this database (another database's index).</summary>
    private bool NeedsBuild(long lastChange) => (Engine.Count == 0 && Engine.AppliedChange == 0) || Engine.AppliedChange > lastChange;

    /// <summary>Applies every committed change not yet in the index (one caller at a time).</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_read < 0) await StartFollowingAsync(ct);
            else NoticeSwap();
            while (await ApplyNextAsync(ct)) { }
            _applied = Engine.AppliedChange;
            _status = SearchIndexStatus.Current;
        }
        finally { _gate.Release(); }
    }

    /// <summary>
    /// <see cref="CatchUpAsync"/> for command-line verbs: false when another process (the running portal) writes this
    /// index, which then applies the changes itself.
    /// </summary>
    public async Task<bool> TryCatchUpAsync(CancellationToken ct = default)
    {
        try
        {
            Engine.Refresh();
            await CatchUpAsync(ct);
            return true;
        }
        catch (IndexLockedException) { return false; }
    }

    /// <summary>First catch-up: build the index if it is empty (or another database's), then follow from its position.</summary>
    private async Task StartFollowingAsync(CancellationToken ct)
    {
        long last;
        using (var scope = scopes.CreateScope())
            last = await LastChangeAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), ct);
        if (!NeedsBuild(last))
        {
            _read = _applied = Engine.AppliedChange;
            return;
        }
        var through = await SafePointAsync(last, ct);
        var watch = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        void Report(SearchIndexProgress p)
        {
            _status = new SearchIndexStatus(false, p.Done, p.Total);
            if (watch.Elapsed - lastLog < LogEvery && p.Done < p.Total) return;
            lastLog = watch.Elapsed;
            log.LogInformation("检索索引建立中 {Done}/{Total} ({Percent}%) {Rate} 篇/秒", p.Done, p.Total,
                (p.Total == 0 ? 100 : 100.0 * p.Done / p.Total).ToString("0.0", CultureInfo.InvariantCulture), p.DocsPerSecond.ToString("0", CultureInfo.InvariantCulture));
        }
        int done;
        if (Engine.Count == 0 && Engine.AppliedChange == 0)
        {
            // Written straight into the live index: search answers from what is built so far.
            done = await FeedAllAsync((docs, progress, token) => Engine.ApplyBulk(docs, through, progress, token), Report, ct);
            NoteBulk(done);
        }
        else
        {
            log.LogWarning("检索索引记录的变更号 {Applied} 超过数据库的 {Last}（索引属于另一个数据库？），重新建立", Engine.AppliedChange, last);
            using var rebuild = Engine.BeginRebuild();
            done = await FeedAllAsync(rebuild.Add, Report, ct);
            rebuild.Compact();
            rebuild.Complete(through);
        }
        lock (_lock) _read = through;
        _applied = Engine.AppliedChange;
        log.LogInformation("检索索引已建立：{Done} 篇，用时 {Seconds} 秒", done, watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Rebuilds the whole index in a new directory (search keeps answering from the old one and keeps following changes),
    /// swaps it in, and re-applies the changes made meanwhile. Used by <c>reindex</c> and 系统管理 › 索引维护.
    /// </summary>
    /// <returns>The entries built.</returns>
    public async Task<int> RebuildAsync(Action<SearchIndexProgress>? progress = null, CancellationToken ct = default)
    {
        long from;
        await _gate.WaitAsync(ct);
        try
        {
            if (_read < 0) _read = _applied = Engine.AppliedChange;
            lock (_lock) from = Through();
        }
        finally { _gate.Release(); }

        using var rebuild = Engine.BeginRebuild();
        var done = await FeedAllAsync(rebuild.Add, p => progress?.Invoke(p), ct);
        rebuild.Compact();
        await _gate.WaitAsync(ct);
        try
        {
            rebuild.Complete(from);
            // Whatever was applied to the old index after the rebuild began is applied again to the new one.
            lock (_lock) _read = Math.Min(_read, from);
            _applied = Engine.AppliedChange;
        }
        finally { _gate.Release(); }
        // On the command line the portal, if it runs, follows on from the swapped index itself (it holds the writer).
        if (_running) await CatchUpAsync(ct);
        return done;
    }

    /// <summary>Reads every source's rows in pages (with each row's latest change number) and hands them to <paramref name="write"/> as one stream.</summary>
    private async Task<int> FeedAllAsync(Action<IEnumerable<IndexDocument>, Action<int>?, CancellationToken> write,
        Action<SearchIndexProgress> progress, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var plan = new List<(ISearchSource Source, List<int> Ids)>();
        foreach (var source in sp.GetServices<ISearchSource>())
        {
            var ids = new List<int>();
            await foreach (var id in source.IdsAsync(ct)) ids.Add(id);
            plan.Add((source, ids));
        }
        var total = plan.Sum(p => p.Ids.Count);
        var watch = Stopwatch.StartNew();
        progress(new SearchIndexProgress(0, total, 0));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var queue = new BlockingCollection<IndexDocument>(boundedCapacity: 4 * Options.BatchSize);
        var db = sp.GetRequiredService<PortalDbContext>();
        // The database is read on one thread while the engine analyses and writes on the others.
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var (source, ids) in plan)
                    foreach (var page in ids.Chunk(1000))
                    {
                        var versions = await VersionsAsync(db, source.Name, page, cts.Token);
                        foreach (var doc in await source.LoadAsync(page, cts.Token))
                            queue.Add(doc with { Version = versions.GetValueOrDefault(doc.Key.Id) }, cts.Token);
                    }
            }
            finally { queue.CompleteAdding(); }
        }, cts.Token);
        var written = 0;
        try
        {
            await Task.Run(() => write(queue.GetConsumingEnumerable(cts.Token), n =>
            {
                written = n;
                progress(new SearchIndexProgress(n, total, n / Math.Max(watch.Elapsed.TotalSeconds, 1e-3)));
            }, cts.Token), cts.Token);
        }
        catch
        {
            await cts.CancelAsync();
            try { await producer; } catch (OperationCanceledException) { }
            throw;
        }
        await producer;
        progress(new SearchIndexProgress(total, total, total / Math.Max(watch.Elapsed.TotalSeconds, 1e-3)));
        return Math.Max(written, total);
    }

    /// <summary>Reads and applies one batch of change rows; false when there was nothing to do.</summary>
    private async Task<bool> ApplyNextAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDbContext>();
        long after;
        SortedDictionary<long, DateTime> gaps;
        lock (_lock)
        {
            after = _read;
            gaps = new SortedDictionary<long, DateTime>(_gaps);
        }
        var changes = db.Set<SearchChange>().AsNoTracking();
        var fresh = await changes.Where(c => c.Id > after).OrderBy(c => c.Id).Take(Options.BatchSize)
            .Select(c => new Row(c.Id, c.Source, c.EntityId)).ToListAsync(ct);
        var waiting = gaps.Keys.ToList();
        var filled = waiting.Count == 0 ? [] : await changes.Where(c => EF.Parameter(waiting).Contains(c.Id))
            .Select(c => new Row(c.Id, c.Source, c.EntityId)).ToListAsync(ct);

        // The new position and gaps are computed on a copy and taken only once the index has the batch.
        var now = time.GetUtcNow().UtcDateTime;
        var expected = after + 1;
        foreach (var row in fresh)
        {
            // A wide hole is no transaction in flight (rows removed by hand, a restored table): not waited for.
            if (row.Id - expected <= MaxGap)
                for (var id = expected; id < row.Id; id++) gaps.TryAdd(id, now);
            expected = row.Id + 1;
        }
        foreach (var row in filled) gaps.Remove(row.Id);
        foreach (var old in gaps.Where(g => now - g.Value > Options.GapTimeout).Select(g => g.Key).ToList()) gaps.Remove(old);
        var through = fresh.Count > 0 ? Math.Max(after, fresh[^1].Id) : after;
        var safe = gaps.Count == 0 ? through : Math.Min(through, gaps.Keys.First() - 1);

        if (fresh.Count == Options.BatchSize)
        {
            var last = await LastChangeAsync(db, ct);
            _status = new SearchIndexStatus(false, through - Engine.AppliedChange, last - Engine.AppliedChange);
        }
        var rows = fresh.Concat(filled).ToList();
        var (upserts, deletes) = await LoadAsync(sp, rows, ct);
        if (upserts.Count > 0 || deletes.Count > 0 || safe > Engine.AppliedChange)
        {
            if (upserts.Count >= 1000)
            {
                // A large backlog (an import, a start after one): analysed on every core.
                if (deletes.Count > 0) Engine.Apply([], deletes, Engine.AppliedChange);
                Engine.ApplyBulk(upserts, safe, null, ct);
                NoteBulk(upserts.Count);
            }
            else Engine.Apply(upserts, deletes, safe);
        }
        lock (_lock)
        {
            _read = through;
            _gaps.Clear();
            foreach (var (id, seen) in gaps) _gaps[id] = seen;
        }
        Signal();
        return rows.Count > 0;
    }

    private void NoteBulk(int entries)
    {
        Interlocked.Add(ref _bulkSinceCompact, entries);
        _lastBulk = time.GetUtcNow();
    }

    /// <summary>
    /// Merges the index into one segment in the background when entries were written in bulk since the last time (an
    /// import or a build leaves dozens of segments, and every query pays for each). Command-line verbs await it before
    /// they exit; the portal calls it once the changes have been quiet for <see cref="SearchFollowerOptions.CompactAfterQuiet"/>.
    /// </summary>
    public async Task CompactAsync()
    {
        Task running;
        lock (_lock) running = _compaction;
        // One at a time; entries written in bulk while one ran are merged by the next.
        await running;
        lock (_lock)
        {
            if (_compaction.IsCompleted && Volatile.Read(ref _bulkSinceCompact) > 0) _compaction = Task.Run(Compact);
            running = _compaction;
        }
        await running;
    }

    private void Compact()
    {
        var entries = Interlocked.Exchange(ref _bulkSinceCompact, 0);
        var watch = Stopwatch.StartNew();
        try
        {
            Engine.Compact();
            Interlocked.Increment(ref _compactions);
            log.LogInformation("检索索引已合并为一段（批量写入 {Entries} 条之后），用时 {Seconds} 秒", entries,
                watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        }
        catch (IndexLockedException) { } // another process writes this index and merges it
        catch (Exception ex) when (!_running)
        {
            log.LogDebug(ex, "检索索引合并因关闭而中止");
        }
        catch (Exception ex)
        {
            // Only slower queries until the next bulk load tries again: never fatal.
            log.LogWarning(ex, "检索索引合并失败");
        }
    }

    /// <summary>
    /// A <c>reindex</c> run elsewhere swapped in an index built up to an earlier change: the changes after it are applied
    /// again (this follower had applied them to the old index only).
    /// </summary>
    private void NoticeSwap()
    {
        var applied = Engine.AppliedChange;
        if (applied < _applied)
        {
            log.LogInformation("检索索引已被重建替换，从变更 {Applied} 起重新跟随", applied);
            lock (_lock) _read = Math.Min(_read, applied);
        }
        _applied = applied;
    }

    /// <summary>The position the index may record: everything read, but never past a missing number still expected.</summary>
    private long Through() => _gaps.Count == 0 ? _read : Math.Min(_read, _gaps.Keys.First() - 1);

    private void Signal()
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            done = _progress;
            _progress = NewSignal();
        }
        done.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Row(long Id, string Source, int EntityId);

    /// <summary>The current entries of the changed rows (each with its latest change number), and the keys to delete.</summary>
    private async Task<(List<IndexDocument> Upserts, List<IndexKey> Deletes)> LoadAsync(IServiceProvider sp, List<Row> rows, CancellationToken ct)
    {
        var upserts = new List<IndexDocument>();
        var deletes = new List<IndexKey>();
        var sources = sp.GetServices<ISearchSource>().ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Source))
        {
            if (!sources.TryGetValue(group.Key, out var source))
            {
                log.LogWarning("检索变更记录的来源 {Source} 未知，已忽略", group.Key);
                continue;
            }
            var versions = group.GroupBy(r => r.EntityId).ToDictionary(g => g.Key, g => g.Max(r => r.Id));
            var found = await source.LoadAsync(versions.Keys, ct);
            upserts.AddRange(found.Select(d => d with { Version = versions[d.Key.Id] }));
            var present = found.Select(d => d.Key.Id).ToHashSet();
            deletes.AddRange(versions.Keys.Where(id => !present.Contains(id)).Select(id => new IndexKey(source.Name, id)));
        }
        return (upserts, deletes);
    }

    /// <summary>
    /// The change number an index built now from the tables may record: the last one, unless numbers just below it are
    /// missing (PostgreSQL transactions still running), which are then followed as gaps.
    /// </summary>
    private async Task<long> SafePointAsync(long last, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        const int window = 1000;
        var recent = await db.Set<SearchChange>().AsNoTracking().Where(c => c.Id > last - window).Select(c => c.Id).ToListAsync(ct);
        var present = recent.ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        lock (_lock)
            for (var id = Math.Max(1, last - window + 1); id <= last; id++)
                if (!present.Contains(id)) _gaps.TryAdd(id, now);
        return last;
    }

    private static async Task<long> LastChangeAsync(PortalDbContext db, CancellationToken ct) =>
        await db.Set<SearchChange>().MaxAsync(c => (long?)c.Id, ct) ?? 0;

    private static async Task<Dictionary<int, long>> VersionsAsync(PortalDbContext db, string source, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        await db.Set<SearchChange>().AsNoTracking().Where(c => c.Source == source && EF.Parameter(ids).Contains(c.EntityId))
            .GroupBy(c => c.EntityId).Select(g => new { g.Key, Last = g.Max(c => c.Id) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);

    private static async Task<long> CountRowsAsync(IServiceProvider sp, CancellationToken ct)
    {
        long n = 0;
        foreach (var source in sp.GetServices<ISearchSource>())
            await foreach (var _ in source.IdsAsync(ct)) n++;
        return n;
    }

    public void Dispose()
    {
        // Registered as a singleton and as a hosted service (the same instance): the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping?.Cancel();
        _stopping?.Dispose();
        _gate.Dispose();
        _nudge.Dispose();
    }
}
