using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>The state of an item in the office's review (domain.md §2.4): 已报送 → 已采用 / 未采用, or 已退回 for revision.</summary>
public enum SubmissionStatus
{
    Submitted = 1,  // 已报送（待审核）
    Returned = 2,   // 已退回（待修改）
    Adopted = 3,    // 已采用
    NotAdopted = 4, // 未采用
}

/// <summary>Adoption levels of the practice (domain.md §2.5): the city office's 《政务信息》, the province, the State Council office.</summary>
public enum AdoptionLevel
{
    City = 1,
    Province = 2,
    National = 3,
}

/// <summary>Categories named in the samples (004:L375, 000:L29), with their timeliness rule.</summary>
public enum SubmissionCategory
{
    Economy = 1,   // 经济运行信息（当月报）
    Dynamic = 2,   // 动态信息（当天报）
    Emergency = 3, // 突发信息（随时报）
    Social = 4,    // 重大社情信息
    General = 9,   // 综合信息
}

public static class SubmissionNames
{
    public static readonly AdoptionLevel[] Levels = { AdoptionLevel.City, AdoptionLevel.Province, AdoptionLevel.National };
    public static readonly SubmissionCategory[] Categories =
        { SubmissionCategory.Economy, SubmissionCategory.Dynamic, SubmissionCategory.Emergency, SubmissionCategory.Social, SubmissionCategory.General };
    public static readonly SubmissionStatus[] Statuses =
        { SubmissionStatus.Submitted, SubmissionStatus.Returned, SubmissionStatus.Adopted, SubmissionStatus.NotAdopted };

    public static string Display(this AdoptionLevel level) => level switch
    {
        AdoptionLevel.City => "市办《政务信息》采用",
        AdoptionLevel.Province => "省办采用",
        AdoptionLevel.National => "国办采用",
        _ => level.ToString(),
    };

    /// <summary>A short form for table headers and charts.</summary>
    public static string ShortName(this AdoptionLevel level) => level switch
    {
        AdoptionLevel.City => "市办采用",
        AdoptionLevel.Province => "省办采用",
        AdoptionLevel.National => "国办采用",
        _ => level.ToString(),
    };

    public static string Display(this SubmissionCategory category) => category switch
    {
        SubmissionCategory.Economy => "经济运行信息",
        SubmissionCategory.Dynamic => "动态信息",
        SubmissionCategory.Emergency => "突发信息",
        SubmissionCategory.Social => "重大社情信息",
        SubmissionCategory.General => "综合信息",
        _ => category.ToString(),
    };

    public static string Display(this SubmissionStatus status) => status switch
    {
        SubmissionStatus.Submitted => "已报送",
        SubmissionStatus.Returned => "已退回",
        SubmissionStatus.Adopted => "已采用",
        SubmissionStatus.NotAdopted => "未采用",
        _ => status.ToString(),
    };

    public static AdoptionLevel? ParseLevel(string? text) =>
        Levels.Cast<AdoptionLevel?>().FirstOrDefault(l => l!.Value.Display() == text?.Trim() || l.Value.ShortName() == text?.Trim());

    public static SubmissionCategory? ParseCategory(string? text) =>
        Categories.Cast<SubmissionCategory?>().FirstOrDefault(c => c!.Value.Display() == text?.Trim());

    public static SubmissionStatus? ParseStatus(string? text) =>
        Statuses.Cast<SubmissionStatus?>().FirstOrDefault(s => s!.Value.Display() == text?.Trim());
}

/// <summary>
/// An information item (政务信息) submitted by a unit, counted in 条. It keeps its own rules: the liaison may change it
/// only while it is not yet decided; adoption is once per level, never before the item was submitted.
/// </summary>
public class Submission
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20000;

    private readonly List<Adoption> _adoptions = new();
    private readonly List<LeaderInstruction> _instructions = new();

    private Submission() { } // EF

    public Submission(int unitId, string title, string body, SubmissionCategory category, DateOnly submittedOn, string submittedBy, DateTime now)
    {
        UnitId = unitId;
        SubmittedBy = submittedBy;
        CreatedAt = now;
        Status = SubmissionStatus.Submitted;
        SetContent(title, body, category, submittedOn, now);
    }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public Unit? Unit { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public SubmissionCategory Category { get; private set; }
    /// <summary>The date the item counts for (its 报送日期); statistics select items by it.</summary>
    public DateOnly SubmittedOn { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public SubmissionStatus Status { get; private set; }
    public string? ReviewComment { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? AttachmentName { get; private set; }
    /// <summary>The generated file name under the data directory (never the user's name, never under wwwroot).</summary>
    public string? AttachmentStoredName { get; private set; }
    public string? AttachmentContentType { get; private set; }
    public long? AttachmentSize { get; private set; }
    /// <summary>Points under the scoring rule of the year of <see cref="SubmittedOn"/>; recomputed when the rule changes.</summary>
    public decimal Points { get; private set; }

    public IReadOnlyList<Adoption> Adoptions => _adoptions;
    public IReadOnlyList<LeaderInstruction> Instructions => _instructions;

    public bool IsAdopted => Status == SubmissionStatus.Adopted;

    /// <summary>Adopted or declined items are decided: the liaison can no longer change them.</summary>
    public bool IsLockedForLiaison => Status is SubmissionStatus.Adopted or SubmissionStatus.NotAdopted;

    public Adoption? AdoptionAt(AdoptionLevel level) => _adoptions.FirstOrDefault(a => a.Level == level);

    /// <summary>The liaison's edit. A returned item goes back into the queue.</summary>
    public void Edit(string title, string body, SubmissionCategory category, DateOnly submittedOn, DateTime now)
    {
        if (IsLockedForLiaison)
            throw new RuleException($"该信息{Status.Display()}，不能再修改。");
        SetContent(title, body, category, submittedOn, now);
        if (Status == SubmissionStatus.Returned) Status = SubmissionStatus.Submitted;
    }

    public void SetAttachment(string name, string storedName, string contentType, long size, DateTime now)
    {
        if (IsLockedForLiaison) throw new RuleException($"该信息{Status.Display()}，不能再修改附件。");
        AttachmentName = name;
        AttachmentStoredName = storedName;
        AttachmentContentType = contentType;
        AttachmentSize = size;
        UpdatedAt = now;
    }

    /// <summary>退回: back to the liaison for revision, with the reason.</summary>
    public void Return(string comment, string by, DateTime now)
    {
        if (Status != SubmissionStatus.Submitted)
            throw new RuleException($"只有待审核的信息可以退回，该信息{Status.Display()}。");
        if (string.IsNullOrWhiteSpace(comment)) throw new RuleException("退回时请填写退回意见。");
        Status = SubmissionStatus.Returned;
        ReviewComment = comment.Trim();
        ReviewedBy = by;
        UpdatedAt = now;
    }

    /// <summary>不予采用: reviewed and not used.</summary>
    public void Decline(string? comment, string by, DateTime now)
    {
        if (Status != SubmissionStatus.Submitted)
            throw new RuleException($"只有待审核的信息可以标记为未采用，该信息{Status.Display()}。");
        Status = SubmissionStatus.NotAdopted;
        ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        ReviewedBy = by;
        UpdatedAt = now;
    }

    /// <summary>Adopts the item at <paramref name="level"/>. An adopted item can be adopted again at another level (city, then province, …).</summary>
    public Adoption Adopt(AdoptionLevel level, DateOnly on, string? publication, string by, DateTime now)
    {
        if (!Enum.IsDefined(level)) throw new RuleException("采用等次无效。");
        if (Status is SubmissionStatus.Returned or SubmissionStatus.NotAdopted)
            throw new RuleException($"该信息{Status.Display()}，不能采用。");
        if (AdoptionAt(level) is not null) throw new RuleException($"该信息已登记“{level.Display()}”，不能重复采用。");
        if (on < SubmittedOn) throw new RuleException("采用日期不能早于报送日期。");
        var adoption = new Adoption(level, on, Trim(publication, Adoption.PublicationMaxLength), by, now);
        _adoptions.Add(adoption);
        Status = SubmissionStatus.Adopted;
        ReviewedBy = by;
        UpdatedAt = now;
        return adoption;
    }

    /// <summary>Corrects a wrongly recorded adoption; without any adoption left the item is back in the queue.</summary>
    public Adoption RevokeAdoption(AdoptionLevel level, DateTime now)
    {
        var adoption = AdoptionAt(level) ?? throw new RuleException($"该信息没有“{level.Display()}”记录。");
        if (_adoptions.Count == 1 && _instructions.Count > 0)
            throw new RuleException("该信息有领导批示，请先删除批示再撤销最后一项采用。");
        _adoptions.Remove(adoption);
        if (_adoptions.Count == 0) Status = SubmissionStatus.Submitted;
        UpdatedAt = now;
        return adoption;
    }

    /// <summary>领导批示 on an adopted item (leaders annotate what they read in the bulletins).</summary>
    public LeaderInstruction AddInstruction(string leader, DateOnly on, string? content, string by, DateTime now)
    {
        if (!IsAdopted) throw new RuleException("只有已采用的信息才能登记领导批示。");
        if (string.IsNullOrWhiteSpace(leader)) throw new RuleException("请填写批示领导。");
        if (on < SubmittedOn) throw new RuleException("批示日期不能早于报送日期。");
        var instruction = new LeaderInstruction(Trim(leader, LeaderInstruction.LeaderMaxLength)!, on, Trim(content, LeaderInstruction.ContentMaxLength), by, now);
        _instructions.Add(instruction);
        UpdatedAt = now;
        return instruction;
    }

    public LeaderInstruction RemoveInstruction(int instructionId, DateTime now)
    {
        var i = _instructions.FirstOrDefault(x => x.Id == instructionId) ?? throw new RuleException("找不到该批示记录。");
        _instructions.Remove(i);
        UpdatedAt = now;
        return i;
    }

    /// <summary>Sets the computed points; true when they changed (the caller audits the change).</summary>
    public bool SetPoints(decimal points)
    {
        if (Points == points) return false;
        Points = points;
        return true;
    }

    /// <summary>Restores the decision recorded in an imported ledger (the ledger is the office's own record).</summary>
    internal void RestoreReview(SubmissionStatus status, string? comment, string? reviewedBy)
    {
        Status = status;
        ReviewComment = comment;
        ReviewedBy = reviewedBy;
    }

    private void SetContent(string title, string body, SubmissionCategory category, DateOnly submittedOn, DateTime now)
    {
        title = title?.Trim() ?? "";
        if (title.Length == 0) throw new RuleException("标题不能为空。");
        if (title.Length > TitleMaxLength) throw new RuleException($"标题不能超过 {TitleMaxLength} 个字。");
        if ((body?.Length ?? 0) > BodyMaxLength) throw new RuleException($"正文不能超过 {BodyMaxLength} 个字。");
        if (!Enum.IsDefined(category)) throw new RuleException("信息类别无效。");
        Title = title;
        Body = body?.Trim() ?? "";
        Category = category;
        SubmittedOn = submittedOn;
        UpdatedAt = now;
    }

    private static string? Trim(string? s, int max)
    {
        s = s?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        return s.Length > max ? s[..max] : s;
    }
}

/// <summary>An adoption of an item at one level, with the date and the publication (e.g. 《政务信息》2026年第12期).</summary>
public class Adoption
{
    public const int PublicationMaxLength = 100;

    private Adoption() { } // EF

    internal Adoption(AdoptionLevel level, DateOnly adoptedOn, string? publication, string recordedBy, DateTime recordedAt)
    {
        Level = level;
        AdoptedOn = adoptedOn;
        Publication = publication;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public AdoptionLevel Level { get; private set; }
    public DateOnly AdoptedOn { get; private set; }
    public string? Publication { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public override string ToString() => $"{Level.Display()} {AdoptedOn:yyyy-MM-dd} {Publication}".Trim();
}

/// <summary>A leader's written instruction (领导批示) on an item.</summary>
public class LeaderInstruction
{
    public const int LeaderMaxLength = 50;
    public const int ContentMaxLength = 1000;

    private LeaderInstruction() { } // EF

    internal LeaderInstruction(string leader, DateOnly instructedOn, string? content, string recordedBy, DateTime recordedAt)
    {
        Leader = leader;
        InstructedOn = instructedOn;
        Content = content;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public string Leader { get; private set; } = "";
    public DateOnly InstructedOn { get; private set; }
    public string? Content { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public override string ToString() => $"{InstructedOn:yyyy-MM-dd} {Leader}" + (Content is null ? "" : "：" + Content);
}
