namespace Portal.Data;

/// <summary>
/// An original file as uploaded or imported, kept outside wwwroot under a generated name
/// (<see cref="StoredName"/>); the documents read from it link back to it for the download.
/// </summary>
public class SourceFile
{
    public int Id { get; set; }
    /// <summary>The file name as the user had it (shown and offered on download, never used as a path).</summary>
    public string OriginalName { get; set; } = "";
    /// <summary>The generated name under the uploads directory.</summary>
    public string StoredName { get; set; } = "";
    public long Size { get; set; }
    /// <summary>SHA-256 (hex) of the bytes as uploaded.</summary>
    public string Sha256 { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}
