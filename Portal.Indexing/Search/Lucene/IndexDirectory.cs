using System.Globalization;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// The layout of IndexPath: <c>index-&lt;n&gt;/</c> directories and a <c>current</c> file naming the live one. The file is
/// replaced by a rename, so a reader sees the old name or the new one, never half of either; a crash during a rebuild
/// leaves the old index live.
/// </summary>
internal sealed class IndexDirectory(string root)
{
    private const string CurrentFile = "current";
    private const string Prefix = "index-";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The live directory's name; on a new path, index-1 (made live at once).</summary>
    public string Current()
    {
        Directory.CreateDirectory(Root);
        var name = ReadCurrent();
        if (name is not null) return name;
        name = Prefix + "1";
        Directory.CreateDirectory(Path.Combine(Root, name));
        MakeCurrent(name);
        return name;
    }

    /// <summary>The name the <c>current</c> file holds now (null when missing or unreadable).</summary>
    public string? ReadCurrent()
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(Root, CurrentFile)).Trim();
            return IsIndexName(text) ? text : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>A new, empty directory for a rebuild (a number no directory has used).</summary>
    public string CreateNext()
    {
        Directory.CreateDirectory(Root);
        var used = Directory.GetDirectories(Root).Select(Path.GetFileName).Where(n => n is not null && IsIndexName(n))
            .Select(n => int.Parse(n![Prefix.Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        if (ReadCurrent() is { } current) used = Math.Max(used, int.Parse(current[Prefix.Length..], CultureInfo.InvariantCulture));
        for (var n = used + 1; ; n++)
        {
            var name = Prefix + n.ToString(CultureInfo.InvariantCulture);
            var path = PathOf(name);
            if (Directory.Exists(path)) continue;
            Directory.CreateDirectory(path);
            return name;
        }
    }

    /// <summary>Names <paramref name="name"/> the live directory: a temporary file renamed over <c>current</c>.</summary>
    public void MakeCurrent(string name)
    {
        var temp = Path.Combine(Root, CurrentFile + "." + Guid.NewGuid().ToString("N") + ".tmp");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(name);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, Path.Combine(Root, CurrentFile), overwrite: true);
    }

    /// <summary>Deletes a directory no longer live; open files stay readable (POSIX) or the delete waits for the next try.</summary>
    public void TryDelete(string name)
    {
        try { Directory.Delete(PathOf(name), recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Directories a crashed rebuild left behind: neither live nor being written (no process holds their write lock), and
    /// untouched for a minute (a rebuild that has just created its directory has not locked it yet).
    /// </summary>
    public void DeleteAbandoned(string live)
    {
        foreach (var path in Directory.GetDirectories(Root))
        {
            var name = Path.GetFileName(path);
            if (name == live || !IsIndexName(name) || Directory.GetLastWriteTimeUtc(path) > DateTime.UtcNow.AddMinutes(-1)) continue;
            using (var directory = global::Lucene.Net.Store.FSDirectory.Open(new DirectoryInfo(path), new ProcessLockFactory(new DirectoryInfo(path))))
            {
                var writeLock = directory.MakeLock(global::Lucene.Net.Index.IndexWriter.WRITE_LOCK_NAME);
                if (!writeLock.Obtain()) continue;
                writeLock.Dispose();
            }
            TryDelete(name);
        }
    }

    private static bool IsIndexName(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length &&
        name[Prefix.Length..].All(char.IsAsciiDigit) && name.Length < Prefix.Length + 9;
}
