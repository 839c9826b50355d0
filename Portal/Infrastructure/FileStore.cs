namespace Portal.Infrastructure;

/// <summary>
/// Uploaded attachments kept in a folder of the data directory (outside wwwroot, so never served directly) under
/// generated names: the user's file name is only stored for display and download, never used as a path.
/// Each feature derives its own store with its folder and limits.
/// </summary>
public abstract class FileStore(string root, long maxBytes, IReadOnlyCollection<string> extensions)
{
    public string Root { get; } = root;

    /// <summary>Checks the file's size and type; returns a Chinese message when it is refused, null when it is accepted.</summary>
    public string? Validate(string fileName, long length)
    {
        if (length <= 0) return "附件是空文件。";
        if (length > maxBytes) return $"附件不能超过 {maxBytes / 1024 / 1024} MB。";
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (!extensions.Contains(ext)) return "附件类型不允许，可上传：" + string.Join(" ", extensions);
        return null;
    }

    /// <summary>As <see cref="Validate(string, long)"/>, and the content must be what the extension says (see <see cref="ContentMatches"/>).</summary>
    public string? Validate(IFormFile file)
    {
        if (Validate(file.FileName, file.Length) is string error) return error;
        var head = new byte[1024];
        using var content = file.OpenReadStream();
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        return ContentMatches(ext, head.AsSpan(0, n)) ? null : $"附件内容与扩展名（{ext}）不符，可能是改了扩展名的其他文件，请上传原始文件。";
    }

    /// <summary>
    /// The first bytes of a file agree with its extension, for the types with an unmistakable signature. Old office
    /// formats (.doc, .xls, .wps, .et) are not checked: other systems export HTML or RTF under those names.
    /// </summary>
    public static bool ContentMatches(string extension, ReadOnlySpan<byte> head) => extension switch
    {
        ".docx" or ".xlsx" or ".ofd" or ".zip" => head.StartsWith("PK"u8),
        ".pdf" => head.IndexOf("%PDF-"u8) >= 0,
        ".png" => head.StartsWith(Png),
        ".jpg" or ".jpeg" => head.StartsWith(Jpeg),
        ".rar" => head.StartsWith("Rar!\u001a\u0007"u8),
        // Text has no NUL bytes, unless it is UTF-16 (with its byte-order mark).
        ".txt" => head.StartsWith(Utf16Le) || head.StartsWith(Utf16Be) || head.IndexOf((byte)0) < 0,
        _ => true,
    };

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Utf16Le => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16Be => [0xFE, 0xFF];

    /// <summary>
    /// Keeps the content under a generated name, pending until the row naming it has committed: <see cref="StagedUpload.Commit"/>
    /// it then; disposed uncommitted (the row refused, or the process killed) it is removed (see <see cref="PendingFiles"/>).
    /// </summary>
    public Task<StagedUpload> StageAsync(Stream content, string fileName, CancellationToken ct = default) =>
        PendingFiles.StageAsync(content, Guid.NewGuid().ToString("N") + Path.GetExtension(fileName).ToLowerInvariant(), name => Path.Combine(Root, name), ct);

    /// <summary>What killed writers left pending: kept when <paramref name="committedOf"/> names its row, removed otherwise.</summary>
    public Task<PendingFiles.Outcome> RecoverAsync(Func<IReadOnlyList<string>, CancellationToken, Task<List<string>>> committedOf, CancellationToken ct = default) =>
        PendingFiles.RecoverAsync(Root, committedOf, ct);

    /// <summary>The stored file's path, or null when it is missing or the name is not one we generated.</summary>
    public string? PathOf(string? storedName)
    {
        if (string.IsNullOrEmpty(storedName) || storedName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ||
            storedName.Contains('\\') || storedName.Contains("..")) return null;
        var path = Path.Combine(Root, storedName);
        return File.Exists(path) ? path : null;
    }

    public Stream? Open(string? storedName) =>
        PathOf(storedName) is string path ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;

    public void Delete(string? storedName)
    {
        if (PathOf(storedName) is not string path) return;
        try { File.Delete(path); } catch (IOException) { }
    }

    /// <summary>A name safe in a download header.</summary>
    public static string SafeFileName(string name) =>
        new(Path.GetFileName(name).Select(ch => char.IsControl(ch) || ch is '"' or '\\' or '/' ? '_' : ch).ToArray());
}
