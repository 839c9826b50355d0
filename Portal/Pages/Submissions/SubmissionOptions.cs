namespace Portal.Pages.Submissions;

/// <summary>Settings under <c>Portal:Submissions</c>.</summary>
public class SubmissionOptions
{
    public const string Section = "Portal:Submissions";

    /// <summary>Points used for a year that has no rule of its own yet. The samples give no values (domain.md §7.2).</summary>
    public decimal DefaultCityPoints { get; set; } = 1m;
    public decimal DefaultProvincePoints { get; set; } = 5m;
    public decimal DefaultNationalPoints { get; set; } = 10m;
    public decimal DefaultInstructionPoints { get; set; } = 3m;

    /// <summary>The ranking's order: points, then adopted items (the office's practice); units equal on all share the rank.</summary>
    public SubmissionRankKey[] RankingKeys { get; set; } = SubmissionStatistics.DefaultKeys.ToArray();

    /// <summary>Largest attachment accepted (bytes).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Attachment types accepted (office documents, PDF, images).</summary>
    public string[] AttachmentExtensions { get; set; } = { ".doc", ".docx", ".wps", ".pdf", ".txt", ".xls", ".xlsx", ".et", ".jpg", ".jpeg", ".png", ".ofd" };

    /// <summary>Largest ledger accepted for import (bytes).</summary>
    public long MaxImportBytes { get; set; } = 5 * 1024 * 1024;

    public int PageSize { get; set; } = 50;

    public ScoringPoints DefaultPoints => new(DefaultCityPoints, DefaultProvincePoints, DefaultNationalPoints, DefaultInstructionPoints,
        new Dictionary<SubmissionCategory, decimal>());
}
