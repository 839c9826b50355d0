using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Pages.Supervision;

/// <summary>
/// Attachments of progress reports, kept in the data directory (outside the web root) under generated names:
/// the user's file name is only ever shown and offered on download, never used as a path.
/// </summary>
public sealed class AttachmentStore(IConfiguration config, IHostEnvironment env, IOptions<SupervisionOptions> options)
{
    private string Root => Path.Combine(DatabaseSetup.DataDirectory(config, env), options.Value.AttachmentFolder);

    /// <summary>Checks type and size; returns a Chinese message, or null when the file is acceptable.</summary>
    public string? Validate(string fileName, long length)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (!options.Value.AttachmentExtensions.Contains(ext))
            return $"附件类型不允许（允许：{string.Join("、", options.Value.AttachmentExtensions)}）。";
        if (length <= 0) return "附件是空文件。";
        if (length > options.Value.MaxAttachmentBytes)
            return $"附件不能超过 {options.Value.MaxAttachmentBytes / 1024 / 1024} MB。";
        return null;
    }

    public async Task<string> SaveAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Root);
        var stored = Guid.NewGuid().ToString("N") + Path.GetExtension(fileName).ToLowerInvariant();
        await using var file = new FileStream(Path.Combine(Root, stored), FileMode.CreateNew, FileAccess.Write);
        await content.CopyToAsync(file, ct);
        return stored;
    }

    /// <summary>The stored file, or null when it is missing or the name is not one we generated.</summary>
    public string? PathOf(string storedName)
    {
        if (storedName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || storedName.Contains("..")) return null;
        var path = Path.Combine(Root, storedName);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string storedName)
    {
        if (PathOf(storedName) is string p) File.Delete(p);
    }
}
