using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Original files, kept outside wwwroot in the data directory under generated names (the user's file name is never
/// a path: it is stored in the database and offered on download only).
/// </summary>
public sealed class UploadStore(IConfiguration config, IHostEnvironment env, IOptions<LibraryOptions> options)
{
    public string Root => Path.Combine(DatabaseSetup.DataDirectory(config, env), options.Value.UploadsFolder);

    /// <returns>The stored name, relative to <see cref="Root"/> (yyyy/MM/guid.ext).</returns>
    public async Task<string> SaveAsync(byte[] bytes, string originalName, CancellationToken ct = default)
    {
        var ext = Path.GetExtension(originalName).ToLowerInvariant();
        if (ext.Length > 8 || ext.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.')) ext = ".bin";
        var now = DateTime.UtcNow;
        var stored = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{ext}";
        var path = PathOf(stored);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, path);
        return stored;
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
