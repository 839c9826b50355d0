namespace Portal.Data;

/// <summary>An indexed text: a 公文, a speech, a bulletin, or one piece of a compilation.</summary>
public class Document
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>文号 as written, e.g. X政办发〔2024〕41号.</summary>
    public string? DocNumber { get; set; }
    /// <summary>讲话, 通知, 报告, … (see <see cref="DocumentTypes"/>).</summary>
    public string DocType { get; set; } = DocumentTypes.Other;
    public int? IssuingUnitId { get; set; }
    public Unit? IssuingUnit { get; set; }
    /// <summary>The issuer as stated in the text, when it is not one of our units.</summary>
    public string? IssuingUnitName { get; set; }
    /// <summary>The document's own date, when the text states one (never a website's update time).</summary>
    public DateOnly? DocDate { get; set; }
    public DocumentVisibility Visibility { get; set; } = DocumentVisibility.Public;
    public string Body { get; set; } = "";
    public string? SourceFileName { get; set; }
    /// <summary>Piece number inside a compilation (第N篇); null for a single document.</summary>
    public int? Part { get; set; }
    /// <summary>SHA-256 (hex) of the normalised content; importing the same content again is skipped.</summary>
    public string ContentHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    // The library's columns come last: the migration that adds them appends them to the table (SQLite cannot insert
    // a column in the middle), and the model keeps the same order so a migrated and a created database agree.
    /// <summary>The original file this document was read from (several pieces of a compilation share one).</summary>
    public int? SourceFileId { get; set; }
    /// <summary>
    /// Set when this piece repeats another document (e.g. a compilation piece that is a prefix of another once
    /// hard wraps are joined). Such a document is kept for its source but never listed or found a second time.
    /// </summary>
    public int? DuplicateOfId { get; set; }
    /// <summary>
    /// The paragraphs the original's styles mark as headings (Word's Heading 1…, Title), one "level TAB text" per line;
    /// null when the file had none (the outline then comes from the numbering: 一、 / （一） / 1.).
    /// </summary>
    public string? Headings { get; set; }
    public List<DocumentGrant> Grants { get; set; } = new();
}

public enum DocumentVisibility
{
    /// <summary>Every signed-in user.</summary>
    Public = 0,
    /// <summary>Only the units and roles granted in <see cref="DocumentGrant"/> (and administrators).</summary>
    Restricted = 1,
}

/// <summary>Who may read a restricted document: one unit, or one role.</summary>
public class DocumentGrant
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public int? UnitId { get; set; }
    public string? Role { get; set; }
}

public static class DocumentTypes
{
    public const string Other = "其他";
    public static readonly string[] All =
    {
        "讲话", "通知", "报告", "请示", "意见", "通报", "批复", "函", "纪要", "总结", "计划/方案", "简报", "政务信息", Other,
    };
}
