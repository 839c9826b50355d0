using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>What a liaison types for an item (bound by the pages; never the entity itself).</summary>
public sealed class SubmissionInput
{
    [Required(ErrorMessage = "请填写标题。"), StringLength(Submission.TitleMaxLength, ErrorMessage = "标题不能超过 200 个字。")]
    [Display(Name = "标题")]
    public string Title { get; set; } = "";

    [StringLength(Submission.BodyMaxLength, ErrorMessage = "正文过长。")]
    [Display(Name = "正文")]
    public string? Body { get; set; }

    [Display(Name = "信息类别")]
    public SubmissionCategory Category { get; set; } = SubmissionCategory.Dynamic;

    [Required(ErrorMessage = "请填写报送日期。")]
    [Display(Name = "报送日期")]
    public DateOnly? SubmittedOn { get; set; }
}

/// <summary>A filter of the lists (the list, the review queue): what the URL asks for, unknown values already dropped.</summary>
public sealed record SubmissionFilter(int? UnitId = null, SubmissionStatus? Status = null, int? Year = null, string? Query = null,
    DateOnly? From = null, DateOnly? To = null, SubmissionCategory? Category = null, AdoptionLevel? Level = null);

/// <summary>
/// The submissions workflow. Every query starts from <see cref="Visible"/>, which limits a liaison to the items of
/// their own unit, so an id typed into a URL or a form for another unit's item simply finds nothing (404). A change
/// of what search shows of an item (title, body, date) commits together with its search change row (<see cref="SubmissionSearchSource"/>).
/// </summary>
public sealed class SubmissionService(
    PortalDbContext db, CurrentUser user, AuditLog audit, TimeProvider time, ScoringService scoring,
    AttachmentStore attachments, Search.SearchChangeLog changes, IOptions<SubmissionOptions> options)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private string By => user.UserName ?? "system";

    public bool CanSubmit => user.IsLiaison && user.UnitId is not null;

    /// <summary>Items the current user may see: staff all; a liaison their unit's; anyone else none.</summary>
    public IQueryable<Submission> Visible()
    {
        var q = db.Set<Submission>().AsQueryable();
        if (user.IsStaff) return q;
        if (user.IsLiaison && user.UnitId is int unit) return q.Where(s => s.UnitId == unit);
        if (user.IsLeader) return q;   // leaders read every unit's items (the pages refuse their posts)
        return q.Where(_ => false);
    }

    public Task<Submission?> FindAsync(int id, CancellationToken ct = default) =>
        Visible().Include(s => s.Unit).Include(s => s.Adoptions).Include(s => s.Instructions)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>The columns the lists sort by (URL keys); newest first by default.</summary>
    public static readonly SortKeys<Submission> Sorts = new SortKeys<Submission>()
        .Add("date", s => s.SubmittedOn).Add("unit", s => s.Unit!.SortOrder).Add("title", s => s.Title)
        .Add("category", s => s.Category).Add("status", s => s.Status).Add("points", s => s.Points)
        .ThenBy(s => s.Id, desc: true)
        .Default(q => q.OrderByDescending(s => s.SubmittedOn).ThenByDescending(s => s.Id));

    /// <summary>The review queue's columns: oldest first by default, so nothing waits forever.</summary>
    public static readonly SortKeys<Submission> QueueSorts = new SortKeys<Submission>()
        .Add("date", s => s.SubmittedOn).Add("unit", s => s.Unit!.SortOrder).Add("title", s => s.Title).Add("category", s => s.Category)
        .ThenBy(s => s.Id)
        .Default(q => q.OrderBy(s => s.SubmittedOn).ThenBy(s => s.Id));

    private IQueryable<Submission> Filtered(SubmissionFilter f)
    {
        var q = Visible().AsNoTracking();
        if (f.UnitId is int u) q = q.Where(s => s.UnitId == u);
        if (f.Status is SubmissionStatus st) q = q.Where(s => s.Status == st);
        if (f.Level is AdoptionLevel level) q = q.Where(s => s.Adoptions.Any(a => a.Level == level));
        if (f.Category is SubmissionCategory c) q = q.Where(s => s.Category == c);
        if (f.Year is int y) q = q.Where(s => s.SubmittedOn >= new DateOnly(y, 1, 1) && s.SubmittedOn <= new DateOnly(y, 12, 31));
        if (f.From is DateOnly from) q = q.Where(s => s.SubmittedOn >= from);
        if (f.To is DateOnly to) q = q.Where(s => s.SubmittedOn <= to);
        if (!string.IsNullOrWhiteSpace(f.Query)) q = q.Where(s => s.Title.Contains(f.Query.Trim()));
        return q;
    }

    public Task<ListPage<Submission>> ListAsync(SubmissionFilter f, ListQuery list, CancellationToken ct = default) =>
        list.PageAsync(Sorts.Apply(Filtered(f), list).Include(s => s.Unit).Include(s => s.Adoptions).AsSplitQuery(), options.Value.PageSize, ct);

    /// <summary>The review queue: items waiting for a decision, as filtered and sorted in the URL.</summary>
    public Task<ListPage<Submission>> QueueAsync(SubmissionFilter f, ListQuery list, CancellationToken ct = default) =>
        list.PageAsync(QueueSorts.Apply(Filtered(f with { Status = SubmissionStatus.Submitted, Level = null }), list).Include(s => s.Unit),
            options.Value.PageSize, ct);

    /// <summary>
    /// The item after <paramref name="current"/> in the same filtered, sorted queue (下一条), or null at its end. Read before the
    /// decision takes the current item out of the queue; only ids are read.
    /// </summary>
    public async Task<int?> NextInQueueAsync(int current, SubmissionFilter f, ListQuery list, CancellationToken ct = default)
    {
        var ids = await QueueSorts.Apply(Filtered(f with { Status = SubmissionStatus.Submitted, Level = null }), list).Select(s => s.Id).ToListAsync(ct);
        var at = ids.IndexOf(current);
        return at + 1 < ids.Count ? ids[at + 1] : null;
    }

    public Task<List<Unit>> UnitsAsync(CancellationToken ct = default) =>
        db.Units.Where(u => u.IsActive && u.Kind != UnitKind.InternalDivision).OrderBy(u => u.SortOrder).ThenBy(u => u.Name).ToListAsync(ct);

    // ---- liaison ----

    public async Task<Submission> CreateAsync(SubmissionInput input, IFormFile? file, CancellationToken ct = default)
    {
        if (!CanSubmit || user.UnitId is not int unit) throw new RuleException("只有单位联络员可以报送信息。");
        var s = new Submission(unit, input.Title, input.Body ?? "", input.Category, input.SubmittedOn ?? ShanghaiClock.Today(time), By, Now);
        using var attachment = file is null ? null : await AttachAsync(s, file, ct);
        // The audit line and the search change row need the new id: all commit together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(s);
        await db.SaveChangesAsync(ct);
        audit.Add("submission.create", nameof(Submission), s.Id.ToString(), null, s.Title);
        await db.SaveChangesAsync(ct);
        await changes.SubmissionsChangedAsync([s.Id], ct);
        await tx.CommitAsync(ct);
        attachment?.Commit();
        return s;
    }

    /// <summary>The liaison edits an item of their unit; the entity refuses when it is already decided.</summary>
    public async Task<Submission?> EditAsync(int id, SubmissionInput input, IFormFile? file, CancellationToken ct = default)
    {
        if (!user.IsLiaison) throw new RuleException("只有报送单位的联络员可以修改信息。");
        var s = await FindAsync(id, ct);
        if (s is null) return null;
        var before = s.Title;
        s.Edit(input.Title, input.Body ?? "", input.Category, input.SubmittedOn ?? s.SubmittedOn, Now);
        var old = s.AttachmentStoredName;
        using var attachment = file is null ? null : await AttachAsync(s, file, ct);
        audit.Add("submission.edit", nameof(Submission), s.Id.ToString(), before, s.Title);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await changes.SubmissionsChangedAsync([s.Id], ct);
        await tx.CommitAsync(ct);
        // The replaced file goes only once the row names the new one.
        if (attachment is not null)
        {
            attachment.Commit();
            attachments.Delete(old);
        }
        return s;
    }

    /// <summary>The new attachment, pending until the caller's transaction commits (then <see cref="StagedUpload.Commit"/>).</summary>
    private async Task<StagedUpload> AttachAsync(Submission s, IFormFile file, CancellationToken ct)
    {
        if (attachments.Check(file) is string error) throw new RuleException(error);
        await using var content = file.OpenReadStream();
        var staged = await attachments.StageAsync(content, file.FileName, ct);
        s.SetAttachment(AttachmentStore.SafeFileName(file.FileName), staged.StoredName, file.ContentType ?? "application/octet-stream", file.Length, Now);
        return staged;
    }

    // ---- staff ----

    private async Task<Submission?> ForReviewAsync(int id, CancellationToken ct)
    {
        if (!user.IsStaff) throw new RuleException("只有办公室工作人员可以审核信息。");
        return await FindAsync(id, ct);
    }

    public async Task<Submission?> ReturnAsync(int id, string? comment, CancellationToken ct = default)
    {
        var s = await ForReviewAsync(id, ct);
        if (s is null) return null;
        var before = s.Status.Display();
        s.Return(comment ?? "", By, Now);
        audit.Add("submission.return", nameof(Submission), s.Id.ToString(), before, $"{s.Status.Display()}：{s.ReviewComment}");
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<Submission?> DeclineAsync(int id, string? comment, CancellationToken ct = default)
    {
        var s = await ForReviewAsync(id, ct);
        if (s is null) return null;
        var before = s.Status.Display();
        s.Decline(comment, By, Now);
        audit.Add("submission.decline", nameof(Submission), s.Id.ToString(), before, s.Status.Display());
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<Submission?> AdoptAsync(int id, AdoptionLevel level, DateOnly on, string? publication, CancellationToken ct = default)
    {
        var s = await ForReviewAsync(id, ct);
        if (s is null) return null;
        var before = Describe(s);
        s.Adopt(level, on, publication, By, Now);
        audit.Add("submission.adopt", nameof(Submission), s.Id.ToString(), before, Describe(s));
        await scoring.RecomputeAsync(s, ct);
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<Submission?> RevokeAdoptionAsync(int id, AdoptionLevel level, CancellationToken ct = default)
    {
        var s = await ForReviewAsync(id, ct);
        if (s is null) return null;
        var before = Describe(s);
        s.RevokeAdoption(level, Now);
        audit.Add("submission.revoke", nameof(Submission), s.Id.ToString(), before, Describe(s));
        await scoring.RecomputeAsync(s, ct);
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<Submission?> AddInstructionAsync(int id, string? leader, DateOnly on, string? content, CancellationToken ct = default)
    {
        var s = await ForReviewAsync(id, ct);
        if (s is null) return null;
        var i = s.AddInstruction(leader ?? "", on, content, By, Now);
        audit.Add("submission.instruction", nameof(Submission), s.Id.ToString(), null, i.ToString());
        await scoring.RecomputeAsync(s, ct);
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<Submission?> RemoveInstructionAsync(int id, int instructionId, CancellationToken ct = default)
    {
        var s = await ForReviewAsync(id, ct);
        if (s is null) return null;
        var i = s.RemoveInstruction(instructionId, Now);
        audit.Add("submission.instruction.remove", nameof(Submission), s.Id.ToString(), i.ToString(), null);
        await scoring.RecomputeAsync(s, ct);
        await db.SaveChangesAsync(ct);
        return s;
    }

    public Stream? OpenAttachment(Submission s) => s.AttachmentStoredName is string n ? attachments.Open(n) : null;

    private static string Describe(Submission s) =>
        s.Status.Display() + (s.Adoptions.Count == 0 ? "" : "：" + string.Join("；", s.Adoptions.OrderBy(a => a.Level).Select(a => a.ToString())));
}
