namespace Portal.Pages.Library.Import;

/// <summary>Settings under <c>Portal:Library</c>.</summary>
public sealed class LibraryOptions
{
    public const string Section = "Portal:Library";

    /// <summary>The largest file accepted by the upload page and the CLI (JSONL bulk files are exempt from it in the CLI).</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How many files one upload may carry.</summary>
    public int MaxFilesPerUpload { get; set; } = 20;

    /// <summary>The most a .docx may expand to when unzipped; larger ones are refused before any part is read.</summary>
    public long MaxDocxUncompressedBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>The largest expansion ratio of one zip entry (real DOCX parts stay well under 100:1).</summary>
    public int MaxDocxCompressionRatio { get; set; } = 200;

    /// <summary>Documents per transaction on the JSONL bulk path.</summary>
    public int BulkBatchSize { get; set; } = 5000;

    /// <summary>Where original files are kept, under the data directory.</summary>
    public string UploadsFolder { get; set; } = "uploads";
}
