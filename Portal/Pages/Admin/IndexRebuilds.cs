using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Pages.Search;

namespace Portal.Pages.Admin;

/// <summary>The index's state for 索引维护: documents, the last rebuild, changes waiting, and a rebuild in progress.</summary>
public sealed record IndexState(int Documents, int Submissions, int Missing, int Orphans, bool DictionaryPending, MaintenanceJob? Job, bool Running)
{
    public int Percent => Job is { Total: > 0 } j ? (int)Math.Round(100.0 * j.Done / j.Total, MidpointRounding.AwayFromZero) : Running ? 0 : 100;
}

/// <summary>
/// 重建索引 from the web or the <c>reindex</c> verb, once at a time across instances: the run holds the lease of the
/// <see cref="MaintenanceJob.Reindex"/> row (a conditional update only one instance can win), renews it with each batch
/// and records its progress there, which every instance's page reads. A run whose instance died lets the lease expire.
/// The rebuild itself is the verb's (<see cref="UserDictionaryService.RebuildIndexAsync"/>); search keeps answering from
/// the index meanwhile.
/// </summary>
public sealed class IndexRebuilds(IServiceScopeFactory scopes, TimeProvider time, ILogger<IndexRebuilds> log)
{
    // Longer than the longest pause between two batches (the final optimise of a large index takes under a minute).
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    /// <summary>Starts a rebuild in the background; false when one is already running (here or on another instance).</summary>
    public async Task<bool> TryStartAsync(string? startedBy)
    {
        var holder = NewHolder();
        if (!await TryAcquireAsync(holder, startedBy)) return false;
        _ = Task.Run(async () =>
        {
            try { await ExecuteAsync(holder, null); }
            catch (Exception ex) { log.LogError(ex, "Index rebuild failed."); }
        });
        return true;
    }

    /// <summary>Runs a rebuild in the foreground (the verb); null when one is already running.</summary>
    public async Task<int?> RunAsync(string? startedBy, Action<SearchIndexProgress>? progress)
    {
        var holder = NewHolder();
        if (!await TryAcquireAsync(holder, startedBy)) return null;
        return await ExecuteAsync(holder, progress);
    }

    public async Task<IndexState> StateAsync()
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDbContext>();
        var job = await db.Set<MaintenanceJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Name == MaintenanceJob.Reindex);
        var running = job is { Holder: not null } && job.LeaseUntil > Now;
        var (missing, orphans) = running ? ([], []) : Compare(sp);
        return new IndexState(await db.Documents.CountAsync(d => d.DuplicateOfId == null), await db.Set<Submissions.Submission>().CountAsync(),
            missing.Count, orphans.Count, await sp.GetRequiredService<UserDictionaryService>().PendingAsync(), job, running);
    }

    private static (List<int> Missing, List<int> Orphans) Compare(IServiceProvider sp)
    {
        // TODO(helper E): missing/orphan counts from the engine's entries against the sources (SearchIndexCheck).
        return ([], []);
    }

    private async Task<int> ExecuteAsync(string holder, Action<SearchIndexProgress>? progress)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var last = DateTime.MinValue;
        try
        {
            var done = await sp.GetRequiredService<UserDictionaryService>().RebuildIndexAsync(sp.GetRequiredService<SearchIndexFollower>(), p =>
            {
                progress?.Invoke(p);
                if (Now - last < ReportEvery && p.Done < p.Total) return;
                last = Now;
                Update(holder, q => q.SetProperty(j => j.Done, p.Done).SetProperty(j => j.Total, p.Total).SetProperty(j => j.LeaseUntil, Now + Lease));
            });
            Finish(holder, $"索引重建完成：{done} 篇。");
            return done;
        }
        catch (Exception ex)
        {
            Finish(holder, "索引重建失败：" + ex.Message);
            throw;
        }
    }

    private async Task<bool> TryAcquireAsync(string holder, string? startedBy)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!await db.Set<MaintenanceJob>().AnyAsync(j => j.Name == MaintenanceJob.Reindex))
        {
            db.Add(new MaintenanceJob { Name = MaintenanceJob.Reindex });
            try { await db.SaveChangesAsync(); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); } // another instance made the row at the same moment
        }
        var now = Now;
        // A holder on this machine whose process has ended (a killed `reindex`) holds nothing: run again, it takes over.
        var current = await db.Set<MaintenanceJob>().AsNoTracking().Where(j => j.Name == MaintenanceJob.Reindex).Select(j => j.Holder).FirstOrDefaultAsync();
        var dead = current is not null && HolderEnded(current) ? current : null;
        return await db.Set<MaintenanceJob>()
            .Where(j => j.Name == MaintenanceJob.Reindex && (j.Holder == null || j.LeaseUntil == null || j.LeaseUntil < now || j.Holder == dead))
            .ExecuteUpdateAsync(q => q.SetProperty(j => j.Holder, holder).SetProperty(j => j.LeaseUntil, now + Lease)
                .SetProperty(j => j.StartedBy, startedBy).SetProperty(j => j.StartedAt, now).SetProperty(j => j.FinishedAt, (DateTime?)null)
                .SetProperty(j => j.Done, 0).SetProperty(j => j.Total, 0).SetProperty(j => j.Message, "正在重建索引…")) == 1;
    }

    private void Finish(string holder, string message) =>
        Update(holder, q => q.SetProperty(j => j.Holder, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null)
            .SetProperty(j => j.FinishedAt, Now).SetProperty(j => j.Message, message.Length > 500 ? message[..500] : message));

    private void Update(string holder, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<MaintenanceJob>> set)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<MaintenanceJob>()
            .Where(j => j.Name == MaintenanceJob.Reindex && j.Holder == holder).ExecuteUpdate(set);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static bool HolderEnded(string holder)
    {
        var parts = holder.Split('/', 3);
        if (parts.Length < 3 || !int.TryParse(parts[1], out var pid) || !Environment.MachineName.StartsWith(parts[2], StringComparison.Ordinal)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException) { return true; } // no such process
    }

    private static string NewHolder()
    {
        var holder = $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}";
        return holder.Length > 100 ? holder[..100] : holder;
    }
}
