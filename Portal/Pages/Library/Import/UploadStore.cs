using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Original files, kept outside wwwroot in the data directory under generated names (the user's file name is never
/// a path: it is stored in the database and offered on download only).
/// <para>
/// An original reaches its name only after the rows that name it have committed: it is written as
/// <c>NAME.pending</c>, held open (locked) by the import until its transaction commits, then renamed. An import killed
/// in between leaves a pending file nobody holds, which <see cref="UploadRecovery"/> removes — or, when the rows did
/// commit, renames into place.
/// </para>
/// <para>
/// Several portal instances (PostgreSQL) must share the data directory (a network file system that honours file
/// locks): a document's original written by one instance is downloaded through any other, and recovery relies on the
/// lock held by the importing instance.
/// </para>
/// </summary>
public sealed class UploadStore(IConfiguration config, IHostEnvironment env, IOptions<LibraryOptions> options)
{
    public const string PendingSuffix = ".pending";
    /// <summary>Temporary files of earlier versions (written, then renamed before the commit).</summary>
    internal const string LegacyPartSuffix = ".part";

    public string Root => Path.Combine(DatabaseSetup.DataDirectory(config, env), options.Value.UploadsFolder);

    /// <summary>A new pending original, empty, open for writing and locked against every other opener.</summary>
    public StagedUpload Stage(string originalName)
    {
        var ext = Path.GetExtension(originalName).ToLowerInvariant();
        if (ext.Length > 8 || ext.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.')) ext = ".bin";
        var now = DateTime.UtcNow;
        var stored = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{ext}";
        var path = PathOf(stored);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // FileShare.None: on Linux an exclusive advisory lock, released by the kernel when the process dies —
        // which is how recovery tells a live import's file from a dead one's.
        var stream = new FileStream(path + PendingSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new StagedUpload(this, stored, stream);
    }

    /// <summary>Stages <paramref name="bytes"/>, flushed to disk so that a committed record never names lost content.</summary>
    public async Task<StagedUpload> StageAsync(byte[] bytes, string originalName, CancellationToken ct = default)
    {
        var staged = Stage(originalName);
        try
        {
            await staged.Stream.WriteAsync(bytes, ct);
            staged.Stream.Flush(flushToDisk: true);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    public string PathOf(string storedName)
    {
        var full = Path.GetFullPath(Path.Combine(Root, storedName));
        if (!full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("stored name outside the uploads folder");
        return full;
    }

    /// <summary>The stored name of a path under <see cref="Root"/> (forward slashes, as stored in the database).</summary>
    internal string StoredNameOf(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public void Delete(string storedName)
    {
        try { File.Delete(PathOf(storedName)); } catch (IOException) { }
    }
}

/// <summary>
/// An original being kept: <see cref="Commit"/> it once the transaction naming <see cref="StoredName"/> has
/// committed; disposing it uncommitted deletes it.
/// </summary>
public sealed class StagedUpload : IDisposable
{
    private readonly UploadStore _store;
    private bool _done;

    internal StagedUpload(UploadStore store, string storedName, FileStream stream)
    {
        _store = store;
        StoredName = storedName;
        Stream = stream;
    }

    public string StoredName { get; }

    /// <summary>The pending file, open for reading and writing (and locked) until commit or disposal.</summary>
    public FileStream Stream { get; }

    internal string PendingPath => _store.PathOf(StoredName) + UploadStore.PendingSuffix;

    /// <summary>Moves the file to its name (or to <paramref name="storedName"/>, an existing record's name whose file is missing).</summary>
    public void Commit(string? storedName = null)
    {
        if (_done) return;
        _done = true;
        Stream.Dispose();
        var target = _store.PathOf(storedName ?? StoredName);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(PendingPath, target);
        }
        catch (IOException)
        {
            // Recovery (another process, or this one's next start) completes a committed pending file; nothing is lost.
        }
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        Stream.Dispose();
        try { File.Delete(PendingPath); } catch (IOException) { }
    }
}

/// <summary>
/// Finishes what interrupted imports left in the uploads folder: a pending original whose record committed is moved
/// to its name, one whose record never committed is deleted. Files still held by a running import are left alone.
/// Run at start-up, before the <c>import</c> verb, and by <c>verify</c>.
/// </summary>
public sealed class UploadRecovery(PortalDbContext db, UploadStore store)
{
    public sealed record Outcome(int Completed, int Removed);

    public async Task<Outcome> RunAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(store.Root)) return new Outcome(0, 0);
        var leftovers = Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(UploadStore.PendingSuffix, StringComparison.Ordinal) || p.EndsWith(UploadStore.LegacyPartSuffix, StringComparison.Ordinal))
            .ToList();
        if (leftovers.Count == 0) return new Outcome(0, 0);
        var names = leftovers.Where(p => p.EndsWith(UploadStore.PendingSuffix, StringComparison.Ordinal))
            .Select(p => store.StoredNameOf(p[..^UploadStore.PendingSuffix.Length])).ToList();
        var committed = (await db.SourceFiles.AsNoTracking().Where(f => names.Contains(f.StoredName)).Select(f => f.StoredName).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        int completed = 0, removed = 0;
        foreach (var path in leftovers)
        {
            if (!Abandoned(path)) continue;
            try
            {
                var final = path.EndsWith(UploadStore.PendingSuffix, StringComparison.Ordinal) ? path[..^UploadStore.PendingSuffix.Length] : null;
                if (final is not null && committed.Contains(store.StoredNameOf(final)) && !File.Exists(final))
                {
                    File.Move(path, final);
                    completed++;
                }
                else
                {
                    File.Delete(path);
                    removed++;
                }
            }
            catch (IOException)
            {
                // Taken by a concurrent recovery or import in between: whoever has it finishes it.
            }
        }
        return new Outcome(completed, removed);
    }

    /// <summary>True when no live process holds the file (its writer died, or it has finished with it).</summary>
    private static bool Abandoned(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>Runs <see cref="UploadRecovery"/> when the portal starts (after the database is migrated).</summary>
public sealed class UploadRecoveryService(IServiceScopeFactory scopes, ILogger<UploadRecoveryService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (completed, removed) = await scope.ServiceProvider.GetRequiredService<UploadRecovery>().RunAsync(ct);
        if (completed + removed > 0)
            log.LogInformation("上传目录已整理：补全 {Completed} 个原文件，清除 {Removed} 个中断导入的残留文件", completed, removed);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
