namespace Portal.Infrastructure;

/// <summary>
/// A stored file reaches its name only after the row that names it has committed: it is written as
/// <c>NAME.pending</c>, held open (locked) by the writer until its transaction commits, then renamed. A process killed in
/// between leaves a pending file nobody holds, which <see cref="RecoverAsync"/> removes — or, when the row did commit,
/// renames into place. Used by the library's originals (<c>UploadStore</c>) and by attachments (<see cref="FileStore"/>).
/// </summary>
public static class PendingFiles
{
    public const string Suffix = ".pending";

    public sealed record Outcome(int Completed, int Removed);

    /// <summary>A new pending file for <paramref name="storedName"/>, empty, open for writing and locked against every other opener.</summary>
    public static StagedUpload Stage(string storedName, Func<string, string> pathOf)
    {
        var path = pathOf(storedName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // FileShare.None: on Linux an exclusive advisory lock, released by the kernel when the process dies —
        // which is how recovery tells a live writer's file from a dead one's.
        var stream = new FileStream(path + Suffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new StagedUpload(storedName, stream, pathOf);
    }

    /// <summary>As <see cref="Stage"/>, with <paramref name="content"/> written and flushed to disk (a committed row never names lost content).</summary>
    public static async Task<StagedUpload> StageAsync(Stream content, string storedName, Func<string, string> pathOf, CancellationToken ct = default)
    {
        var staged = Stage(storedName, pathOf);
        try
        {
            await content.CopyToAsync(staged.Stream, ct);
            staged.Stream.Flush(flushToDisk: true);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Finishes what interrupted writers left under <paramref name="root"/>: a pending file whose row committed (its
    /// stored name is among those <paramref name="committedOf"/> returns) is moved to its name, any other is deleted, as
    /// are files ending in one of <paramref name="otherLeftovers"/>. Files still held by a live writer are left alone.
    /// </summary>
    public static async Task<Outcome> RecoverAsync(string root, Func<IReadOnlyList<string>, CancellationToken, Task<List<string>>> committedOf,
        CancellationToken ct = default, params string[] otherLeftovers)
    {
        if (!Directory.Exists(root)) return new Outcome(0, 0);
        var leftovers = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(Suffix, StringComparison.Ordinal) || otherLeftovers.Any(s => p.EndsWith(s, StringComparison.Ordinal)))
            .ToList();
        if (leftovers.Count == 0) return new Outcome(0, 0);
        string StoredNameOf(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
        var names = leftovers.Where(p => p.EndsWith(Suffix, StringComparison.Ordinal)).Select(p => StoredNameOf(p[..^Suffix.Length])).ToList();
        var committed = (await committedOf(names, ct)).ToHashSet(StringComparer.Ordinal);
        int completed = 0, removed = 0;
        foreach (var path in leftovers)
        {
            if (!Abandoned(path)) continue;
            try
            {
                var final = path.EndsWith(Suffix, StringComparison.Ordinal) ? path[..^Suffix.Length] : null;
                if (final is not null && committed.Contains(StoredNameOf(final)) && !File.Exists(final))
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
                // Taken by a concurrent recovery or writer in between: whoever has it finishes it.
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

/// <summary>
/// A file being kept: <see cref="Commit"/> it once the transaction naming <see cref="StoredName"/> has committed;
/// disposing it uncommitted deletes it.
/// </summary>
public sealed class StagedUpload : IDisposable
{
    private readonly Func<string, string> _pathOf;
    private bool _done;

    internal StagedUpload(string storedName, FileStream stream, Func<string, string> pathOf)
    {
        StoredName = storedName;
        Stream = stream;
        _pathOf = pathOf;
    }

    public string StoredName { get; }

    /// <summary>The pending file, open for reading and writing (and locked) until commit or disposal.</summary>
    public FileStream Stream { get; }

    internal string PendingPath => _pathOf(StoredName) + PendingFiles.Suffix;

    /// <summary>Moves the file to its name (or to <paramref name="storedName"/>, an existing record's name whose file is missing).</summary>
    public void Commit(string? storedName = null)
    {
        if (_done) return;
        _done = true;
        Stream.Dispose();
        var target = _pathOf(storedName ?? StoredName);
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
