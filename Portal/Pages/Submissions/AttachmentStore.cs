using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Pages.Submissions;

/// <summary>
/// Attachments of submissions, kept in the data directory (outside wwwroot, so never served directly) under a
/// generated name; the user's file name is only stored for the download.
/// </summary>
public sealed class AttachmentStore(IConfiguration config, IHostEnvironment env, IOptions<SubmissionOptions> options)
{
    private string Folder => Path.Combine(DatabaseSetup.DataDirectory(config, env), "submissions");

    /// <summary>Checks the file; returns a Chinese message when it is refused.</summary>
    public string? Check(IFormFile file)
    {
        if (file.Length == 0) return "附件是空文件。";
        if (file.Length > options.Value.MaxAttachmentBytes) return $"附件不能超过 {options.Value.MaxAttachmentBytes / 1024 / 1024} MB。";
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (!options.Value.AttachmentExtensions.Contains(ext)) return "附件类型不允许，可上传：" + string.Join(" ", options.Value.AttachmentExtensions);
        return null;
    }

    public async Task<string> SaveAsync(IFormFile file, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var stored = Guid.NewGuid().ToString("N") + Path.GetExtension(file.FileName).ToLowerInvariant();
        await using var target = new FileStream(Path.Combine(Folder, stored), FileMode.CreateNew, FileAccess.Write);
        await file.CopyToAsync(target, ct);
        return stored;
    }

    public Stream? Open(string storedName)
    {
        // Stored names are ours (a GUID and an extension); anything else is refused rather than resolved.
        if (storedName.Contains('/') || storedName.Contains('\\') || storedName.Contains("..")) return null;
        var path = Path.Combine(Folder, storedName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    public void Delete(string? storedName)
    {
        if (string.IsNullOrEmpty(storedName) || storedName.Contains('/') || storedName.Contains('\\')) return;
        try { File.Delete(Path.Combine(Folder, storedName)); } catch (IOException) { }
    }

    /// <summary>A name safe in a download header.</summary>
    public static string SafeFileName(string name) =>
        new string(Path.GetFileName(name).Select(ch => char.IsControl(ch) || ch is '"' or '\\' or '/' ? '_' : ch).ToArray());
}
