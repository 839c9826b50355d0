using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Original files, kept outside wwwroot in the data directory under generated names (the user's file name is never
/// a path: it is stored in the database and offered on download only).
/// <para>
/// An original reaches its name only after the rows that name it have committed (see <see cref="PendingFiles"/>): an
/// import killed in between leaves a pending file that <see cref="UploadRecovery"/> removes, or renames into place when
/// its rows did commit.
/// </para>
/// <para>
/// Several portal instances (PostgreSQL) must share the data directory (a network file system that honours file
/// locks): a document's original written by one instance is downloaded through any other, and recovery relies on the
/// lock held by the importing instance.
/// </para>
/// </summary>
public sealed class UploadStore(IConfiguration config, IHostEnvironment env, IOptions<LibraryOptions> options)
{
    /// <summary>Temporary files of earlier versions (written, then renamed before the commit).</summary>
    internal const string LegacyPartSuffix = ".part";

    public string Root => Path.Combine(DatabaseSetup.DataDirectory(config, env), options.Value.UploadsFolder);

    /// <summary>A new pending original, empty, open for writing and locked against every other opener.</summary>
    public StagedUpload Stage(string originalName) => PendingFiles.Stage(NewName(originalName), PathOf);

    /// <summary>Stages <paramref name="bytes"/>, flushed to disk so that a committed record never names lost content.</summary>
    public Task<StagedUpload> StageAsync(byte[] bytes, string originalName, CancellationToken ct = default) =>
        PendingFiles.StageAsync(new MemoryStream(bytes, writable: false), NewName(originalName), PathOf, ct);

    private static string NewName(string originalName)
    {
        var ext = Path.GetExtension(originalName).ToLowerInvariant();
        if (ext.Length > 8 || ext.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.')) ext = ".bin";
        var now = DateTime.UtcNow;
        return $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{ext}";
    }
    public string PathOf(string storedName)
    {
        var full = Path.GetFullPath(Path.Combine(Root, storedName));
        if (!full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("stored name outside the uploads folder");
        return full;
    }

    public void Delete(string storedName)
    {
        try { File.Delete(PathOf(storedName)); } catch (IOException) { }
    }
}

/// <summary>
/// Finishes what interrupted imports left in the uploads folder: a pending original whose record committed is moved
/// to its name, one whose record never committed is deleted. Files still held by a running import are left alone.
/// Run at start-up, before the <c>import</c> verb, and by <c>verify</c>.
/// </summary>
public sealed class UploadRecovery(PortalDbContext db, UploadStore store)
{
    public Task<PendingFiles.Outcome> RunAsync(CancellationToken ct = default) =>
        PendingFiles.RecoverAsync(store.Root, (names, token) =>
            db.SourceFiles.AsNoTracking().Where(f => names.Contains(f.StoredName)).Select(f => f.StoredName).ToListAsync(token), ct, UploadStore.LegacyPartSuffix);
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
