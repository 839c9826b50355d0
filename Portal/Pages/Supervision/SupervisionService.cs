using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

public sealed class TaskInput
{
    [Display(Name = "督办编号")] [StringLength(50)] public string? Code { get; set; }
    [Display(Name = "来源类型")] public TaskSource Source { get; set; } = TaskSource.LeaderInstruction;
    [Display(Name = "来源文号/会议")] [StringLength(200)] public string? SourceRef { get; set; }
    [Display(Name = "事项名称")] [Required(ErrorMessage = "请填写事项名称。")] [StringLength(300)] public string Title { get; set; } = "";
    [Display(Name = "办理要求")] public string? Requirements { get; set; }
    [Display(Name = "牵头单位")] [Range(1, int.MaxValue, ErrorMessage = "请选择牵头单位。")] public int LeadUnitId { get; set; }
    [Display(Name = "协办单位")] public List<int> CoUnitIds { get; set; } = new();
    [Display(Name = "交办日期")] [Required(ErrorMessage = "请填写交办日期。")] public DateOnly? AssignedOn { get; set; }
    [Display(Name = "办理期限")] [Required(ErrorMessage = "请填写办理期限。")] public DateOnly? Deadline { get; set; }
    [Display(Name = "紧急程度")] public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    [Display(Name = "立即交办")] public bool AssignNow { get; set; } = true;
}

public sealed class ReportInput
{
    [Required(ErrorMessage = "请填写报送日期。")] public DateOnly? ReportedOn { get; set; }
    [Required(ErrorMessage = "请填写进展情况。")] [StringLength(4000)] public string Text { get; set; } = "";
    public bool RequestClose { get; set; }
}

public sealed class CloseInput
{
    [Required(ErrorMessage = "请填写办结日期。")] public DateOnly? ClosedOn { get; set; }
    [Required(ErrorMessage = "请填写办结情况。")] [StringLength(4000)] public string Result { get; set; } = "";
}

public sealed class ExtendInput
{
    [Required(ErrorMessage = "请填写延期后的期限。")] public DateOnly? NewDeadline { get; set; }
    [Required(ErrorMessage = "请填写延期理由。")] [StringLength(500)] public string Reason { get; set; } = "";
    [Required(ErrorMessage = "请填写批准人。")] [StringLength(100)] public string Approver { get; set; } = "";
}

public sealed class SendBackInput
{
    [Required(ErrorMessage = "请填写退回理由。")] [StringLength(500)] public string Reason { get; set; } = "";
}

public sealed class ReopenInput
{
    [Required(ErrorMessage = "请填写撤销办结的理由。")] [StringLength(500)] public string Reason { get; set; } = "";
}

/// <summary>催办 on one task: the units chosen among its lead and co-operating units, and an optional message.</summary>
public sealed class UrgeInput
{
    public List<int> UnitIds { get; set; } = new();
    [StringLength(UrgeRules.MaxMessageLength, ErrorMessage = "催办说明不能超过 500 字。")] public string? Message { get; set; }
}

/// <summary>A 催办 still waiting for the liaison's unit (home page, 本单位事项).</summary>
public sealed record OpenUrge(int TaskId, string Title, DateOnly On, string? Message, string? UserName);

public sealed class ReplyInput
{
    [Required(ErrorMessage = "请填写答复日期。")] public DateOnly? RepliedOn { get; set; }
    public ReplyType ReplyType { get; set; } = ReplyType.ResolvedAdopted;
    public Satisfaction? Satisfaction { get; set; }
}

public sealed record LedgerFilter(
    TaskSource? Source = null, SupervisionStatus? Status = null, int? UnitId = null, TaskPriority? Priority = null,
    WarningLevel? Warning = null, string? Keyword = null, DateOnly? From = null, DateOnly? To = null, bool LeadOnly = false);

public sealed record LedgerRow(SupervisionTask Task, string LeadUnit, IReadOnlyList<string> CoUnits, WarningLevel Warning, int DaysLeft,
    DateOnly? LatestProgressOn = null, string? LatestProgress = null, int UrgeCount = 0)
{
    /// <summary>The latest progress shortened for a table cell (the export keeps the whole text).</summary>
    public string? LatestProgressShort => LatestProgress is { Length: > 40 } text ? text[..40] + "…" : LatestProgress;
}

public sealed record UnitReminders(int UnitId, string UnitName, IReadOnlyList<LedgerRow> Overdue, IReadOnlyList<LedgerRow> DueSoon)
{
    /// <summary>The overdue tasks this unit leads: the count under the one definition of 逾期 (<see cref="SupervisionRates.OverdueDefinition"/>).</summary>
    public int OverdueAsLead => Overdue.Count(r => r.Task.LeadUnitId == UnitId);
}

/// <summary>
/// Supervision tasks: every query goes through <see cref="Visible"/>, so a liaison reaches only the tasks
/// where their unit leads or co-operates, whatever id is typed in; closing, sending back, extending and
/// replying are for office staff only. Commands refuse with <see cref="RuleException"/>.
/// </summary>
public sealed class SupervisionService(
    PortalDbContext db, CurrentUser user, TimeProvider time, AuditLog audit, AttachmentStore attachments,
    IOptions<SupervisionOptions> options)
{
    public int WarningDays => options.Value.WarningDays;
    public DateOnly Today => ShanghaiClock.Today(time);

    public IQueryable<SupervisionTask> Visible()
    {
        var tasks = db.Set<SupervisionTask>().AsQueryable();
        if (user.IsStaff || (user.IsLeader && !user.IsLiaison)) return tasks;   // leaders read every task (their posts are refused)
        if (user.IsLiaison && user.UnitId is int unit)
            return tasks.Where(t => t.Status != SupervisionStatus.Registered
                                    && (t.LeadUnitId == unit || t.CoUnits.Any(c => c.UnitId == unit)));
        return tasks.Where(t => false);
    }

    public Task<List<Unit>> UnitsAsync() => db.Units.Where(u => u.IsActive).OrderBy(u => u.SortOrder).ThenBy(u => u.Id).ToListAsync();

    /// <summary>The whole filtered ledger, newest assignment first (exports, reminders, home pages).</summary>
    public Task<List<LedgerRow>> LedgerAsync(LedgerFilter f, bool onlyMyUnit = false) =>
        RowsAsync(Filtered(f, onlyMyUnit).OrderByDescending(t => t.AssignedOn).ThenByDescending(t => t.Id));

    /// <summary>
    /// The home pages' short lists: the first <paramref name="top"/> open tasks of the filtered ledger, red before yellow
    /// before none and the nearest deadline first, and how many there are; only those rows are read.
    /// </summary>
    public async Task<(List<LedgerRow> Rows, int Total)> MostUrgentAsync(LedgerFilter f, bool onlyMyUnit, int top)
    {
        var open = Filtered(f, onlyMyUnit).Where(t => t.Status != SupervisionStatus.Closed);
        var ids = await open.OrderByDescending(DeadlineRules.WarningOf(Today, WarningDays)).ThenBy(t => t.Deadline).ThenBy(t => t.Id)
            .Select(t => t.Id).Take(top).ToListAsync();
        var rows = await RowsAsync(db.Set<SupervisionTask>().Where(t => ids.Contains(t.Id)));
        return (rows.OrderBy(r => ids.IndexOf(r.Task.Id)).ToList(), await open.CountAsync());
    }

    /// <summary>
    /// One page of the ledger in the order the URL asks for: the page's ids are sorted, counted and cut in the database,
    /// then only those tasks are read (with their units, latest progress and 催办 count), so a page costs the same at any size.
    /// </summary>
    public async Task<ListPage<LedgerRow>> LedgerPageAsync(LedgerFilter f, ListQuery query, int pageSize)
    {
        var ids = await query.PageAsync(LedgerSort().Apply(Filtered(f, false), query).Select(t => t.Id), pageSize);
        var pageIds = ids.Items.ToList();
        var rows = await RowsAsync(db.Set<SupervisionTask>().Where(t => pageIds.Contains(t.Id)));
        var position = pageIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return new ListPage<LedgerRow>(rows.OrderBy(r => position[r.Task.Id]).ToList(), ids.Total, ids.Page, ids.PageSize);
    }

    /// <summary>The ledger's sortable columns (URL keys of the <c>sort</c> headers); by default the newest assignment first.</summary>
    public SortKeys<SupervisionTask> LedgerSort()
    {
        var today = Today;
        return new SortKeys<SupervisionTask>()
            .Add("code", t => t.Code)
            .Add("title", t => t.Title)
            .Add("unit", t => t.LeadUnit!.SortOrder)
            .Add("assigned", t => t.AssignedOn)
            .Add("deadline", t => t.Deadline)
            .Add("state", t => t.Status)
            .Add("warning", DeadlineRules.WarningOf(today, WarningDays))
            .Add("progress", t => t.Reports.Max(r => (DateOnly?)r.ReportedOn))
            .Add("urges", t => t.Urges.Count())
            .ThenBy(t => t.Id, desc: true)
            .Default("assigned", desc: true);
    }

    private IQueryable<SupervisionTask> Filtered(LedgerFilter f, bool onlyMyUnit)
    {
        var today = Today;
        var q = Visible();
        if (onlyMyUnit && user.UnitId is int mine) q = q.Where(t => t.LeadUnitId == mine || t.CoUnits.Any(c => c.UnitId == mine));
        if (f.Source is TaskSource s) q = q.Where(t => t.Source == s);
        if (f.Status is SupervisionStatus st) q = q.Where(t => t.Status == st);
        if (f.Priority is TaskPriority p) q = q.Where(t => t.Priority == p);
        if (f.UnitId is int u) q = f.LeadOnly ? q.Where(t => t.LeadUnitId == u) : q.Where(t => t.LeadUnitId == u || t.CoUnits.Any(c => c.UnitId == u));
        if (f.From is DateOnly from) q = q.Where(t => t.AssignedOn >= from);
        if (f.To is DateOnly to) q = q.Where(t => t.AssignedOn <= to);
        if (!string.IsNullOrWhiteSpace(f.Keyword))
        {
            var k = f.Keyword.Trim();
            q = q.Where(t => t.Title.Contains(k) || t.Code.Contains(k) || (t.SourceRef != null && t.SourceRef.Contains(k)) || t.Requirements.Contains(k));
        }
        if (f.Warning is WarningLevel w) q = q.Where(DeadlineRules.WarningIs(w, today, WarningDays));
        return q;
    }

    /// <summary>The tasks of <paramref name="q"/> as ledger rows: three queries whatever the number of rows (no query per row).</summary>
    private async Task<List<LedgerRow>> RowsAsync(IQueryable<SupervisionTask> q)
    {
        var today = Today;
        var tasks = await q.Include(t => t.LeadUnit).Include(t => t.CoUnits).ThenInclude(c => c.Unit)
            .AsNoTracking().AsSplitQuery().ToListAsync();
        var extras = await q.Select(t => new
        {
            t.Id,
            Latest = t.Reports.OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.Id).Select(r => new { r.ReportedOn, r.Text }).FirstOrDefault(),
            Urges = t.Urges.Count(),
        }).ToDictionaryAsync(x => x.Id);
        return tasks.Select(t =>
        {
            var x = extras[t.Id];
            return new LedgerRow(t, t.LeadUnit?.Name ?? "",
                t.CoUnits.Select(c => c.Unit?.Name ?? "").OrderBy(n => n, StringComparer.Ordinal).ToList(),
                DeadlineRules.Warning(t, today, WarningDays), DeadlineRules.DaysLeft(t.Deadline, today),
                x.Latest?.ReportedOn, x.Latest?.Text, x.Urges);
        }).ToList();
    }

    /// <summary>Open tasks due within the warning window or overdue, per unit (lead and co-operating units alike).</summary>
    public async Task<List<UnitReminders>> RemindersAsync()
    {
        var rows = await RowsAsync(Filtered(new LedgerFilter(), false).Where(DeadlineRules.Warned(Today, WarningDays)));
        var units = await UnitsAsync();
        var result = new List<UnitReminders>();
        foreach (var unit in units)
        {
            if (user.IsLiaison && !user.IsStaff && user.UnitId != unit.Id) continue;
            var mine = rows.Where(r => r.Task.Involves(unit.Id)).ToList();
            if (mine.Count == 0) continue;
            result.Add(new UnitReminders(unit.Id, unit.Name,
                mine.Where(r => r.Warning == WarningLevel.Red).OrderBy(r => r.Task.Deadline).ToList(),
                mine.Where(r => r.Warning == WarningLevel.Yellow).OrderBy(r => r.Task.Deadline).ToList()));
        }
        return result;
    }

    public async Task<SupervisionTask?> FindAsync(int id) =>
        await Visible().Where(t => t.Id == id)
            .Include(t => t.LeadUnit).Include(t => t.CoUnits).ThenInclude(c => c.Unit)
            .Include(t => t.Reports).ThenInclude(r => r.Unit).Include(t => t.Events)
            .AsSplitQuery().AsNoTracking().FirstOrDefaultAsync();

    /// <summary>May the current user report progress on this task (their unit leads or co-operates, and it is open)?</summary>
    public bool CanReport(SupervisionTask t) =>
        user.UnitId is int u && t.Involves(u) && t.Status is SupervisionStatus.Assigned or SupervisionStatus.InProgress;

    public bool IsLeadUnit(SupervisionTask t) => user.UnitId == t.LeadUnitId;

    public bool IsStaff => user.IsStaff;

    public async Task<(ProgressReport Report, string Path)?> AttachmentAsync(int taskId, int reportId)
    {
        var task = await Visible().AnyAsync(t => t.Id == taskId);
        if (!task) return null;
        var report = await db.Set<ProgressReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.TaskId == taskId);
        if (report?.AttachmentStoredName is null) return null;
        return attachments.PathOf(report.AttachmentStoredName) is string path ? (report, path) : null;
    }

    public async Task<int> CreateAsync(TaskInput input)
    {
        if (!user.IsStaff) throw RuleException.Forbidden();
        var unitIds = await db.Units.Where(u => u.IsActive).Select(u => u.Id).ToListAsync();
        if (!unitIds.Contains(input.LeadUnitId)) throw new RuleException("牵头单位不存在。");
        if (input.CoUnitIds.Any(id => !unitIds.Contains(id))) throw new RuleException("协办单位不存在。");
        var code = string.IsNullOrWhiteSpace(input.Code) ? await NextCodeAsync(input.AssignedOn!.Value.Year) : input.Code.Trim();
        if (await db.Set<SupervisionTask>().AnyAsync(t => t.Code == code)) throw new RuleException($"督办编号“{code}”已存在。");
        var at = time.GetUtcNow().UtcDateTime;
        var task = SupervisionTask.Register(code, input.Source, input.SourceRef, input.Title, input.Requirements ?? "",
            input.LeadUnitId, input.CoUnitIds, input.AssignedOn!.Value, input.Deadline!.Value, input.Priority, user.UserName, at);
        if (input.AssignNow) task.Assign(input.AssignedOn!.Value, user.UserName, at);
        db.Add(task);
        await db.SaveChangesAsync();
        audit.Add("supervision.create", nameof(SupervisionTask), task.Id.ToString(), after: $"{task.Code} {task.Title}");
        await db.SaveChangesAsync();
        return task.Id;
    }

    /// <summary>The next 督〔year〕N号 not yet used.</summary>
    public async Task<string> NextCodeAsync(int year)
    {
        var prefix = $"督〔{year}〕";
        var codes = await db.Set<SupervisionTask>().Where(t => t.Code.StartsWith(prefix)).Select(t => t.Code).ToListAsync();
        var max = codes.Select(c => int.TryParse(c[prefix.Length..].TrimEnd('号'), out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return $"{prefix}{max + 1}号";
    }

    public Task AssignAsync(int id) => StaffCommandAsync(id, "supervision.assign", t => t.Assign(Today, user.UserName, Now));

    public Task CloseAsync(int id, CloseInput input) =>
        StaffCommandAsync(id, "supervision.close", t => t.Complete(input.ClosedOn!.Value, input.Result, user.UserName, Now));

    public Task ExtendAsync(int id, ExtendInput input) =>
        StaffCommandAsync(id, "supervision.extend", t => t.Extend(input.NewDeadline!.Value, input.Reason, input.Approver, Today, user.UserName, Now));

    public Task SendBackAsync(int id, SendBackInput input) =>
        StaffCommandAsync(id, "supervision.sendback", t => t.SendBack(Today, input.Reason, user.UserName, Now));

    public Task ReopenAsync(int id, ReopenInput input) =>
        StaffCommandAsync(id, "supervision.reopen", t => t.Reopen(Today, input.Reason, user.UserName, Now));

    /// <summary>催办 the chosen units of one task (each must be its lead or a co-operating unit).</summary>
    public async Task UrgeAsync(int id, UrgeInput input)
    {
        var unitIds = input.UnitIds.Distinct().ToList();
        if (unitIds.Count == 0) throw new RuleException("请选择要催办的单位。");
        var names = await UnitNamesAsync(unitIds);
        await StaffCommandAsync(id, "supervision.urge", t =>
        {
            foreach (var unit in unitIds) t.Urge(unit, names.GetValueOrDefault(unit, ""), input.Message, Today, user.UserName, Now);
        }, () => string.Join("、", unitIds.Select(u => names.GetValueOrDefault(u, ""))));
    }

    /// <summary>催办 several tasks at once (the reminders page): each task's lead unit, one message; all or nothing.</summary>
    public async Task<int> UrgeLeadUnitsAsync(IReadOnlyCollection<int> taskIds, string? message)
    {
        if (!user.IsStaff) throw RuleException.Forbidden();
        var ids = taskIds.Distinct().ToList();
        if (ids.Count == 0) throw new RuleException("请勾选要催办的事项。");
        var tasks = await Visible().Where(t => ids.Contains(t.Id)).Include(t => t.CoUnits).Include(t => t.LeadUnit).ToListAsync();
        if (tasks.Count != ids.Count) throw RuleException.NotFound();
        foreach (var t in tasks)
        {
            try { t.Urge(t.LeadUnitId, t.LeadUnit?.Name ?? "", message, Today, user.UserName, Now); }
            catch (RuleException e) { throw new RuleException($"《{t.Title}》：{e.Message}未催办任何事项。"); }
            audit.Add("supervision.urge", nameof(SupervisionTask), t.Id.ToString(), after: t.LeadUnit?.Name);
        }
        await db.SaveChangesAsync();
        return tasks.Count;
    }

    /// <summary>The 催办 still waiting for the user's unit: on open tasks, without a progress report of the unit recorded since.</summary>
    public async Task<List<OpenUrge>> OpenUrgesAsync()
    {
        if (user.UnitId is not int unit) return new();
        var open = new[] { SupervisionStatus.Assigned, SupervisionStatus.InProgress };
        var urges = await db.Set<TaskUrge>().Where(u => u.UnitId == unit)
            .Join(Visible().Where(t => open.Contains(t.Status)), u => u.TaskId, t => t.Id, (u, t) => new { u.TaskId, t.Title, u.On, u.At, u.Message, u.UserName })
            .ToListAsync();
        var taskIds = urges.Select(u => u.TaskId).Distinct().ToList();
        var lastReports = await db.Set<ProgressReport>().Where(r => r.UnitId == unit && taskIds.Contains(r.TaskId))
            .GroupBy(r => r.TaskId).Select(g => new { TaskId = g.Key, At = g.Max(r => r.At) }).ToDictionaryAsync(x => x.TaskId, x => (DateTime?)x.At);
        return urges.Where(u => UrgeRules.IsOpen(u.At, true, lastReports.GetValueOrDefault(u.TaskId)))
            .OrderByDescending(u => u.At).Select(u => new OpenUrge(u.TaskId, u.Title, u.On, u.Message, u.UserName)).ToList();
    }

    private Task<Dictionary<int, string>> UnitNamesAsync(IReadOnlyCollection<int> ids) =>
        db.Units.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);

    public Task ReplyAsync(int id, ReplyInput input) =>
        StaffCommandAsync(id, "supervision.reply", t => t.RecordReply(input.RepliedOn!.Value, input.ReplyType, input.Satisfaction, user.UserName, Now));

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task StaffCommandAsync(int id, string action, Action<SupervisionTask> change, Func<string>? describe = null)
    {
        var task = await Visible().Include(t => t.CoUnits).FirstOrDefaultAsync(t => t.Id == id) ?? throw RuleException.NotFound();
        if (!user.IsStaff) throw RuleException.Forbidden();
        var before = $"{task.Status} {task.Deadline:yyyy-MM-dd}";
        change(task);
        audit.Add(action, nameof(SupervisionTask), id.ToString(), describe is null ? before : null, describe?.Invoke() ?? $"{task.Status} {task.Deadline:yyyy-MM-dd}");
        await db.SaveChangesAsync();
    }

    /// <summary>A unit reports progress on a task it leads or co-operates on; the attachment is kept pending until the report has committed.</summary>
    public async Task ReportAsync(int id, ReportInput input, IFormFile? file)
    {
        var task = await Visible().Include(t => t.CoUnits).FirstOrDefaultAsync(t => t.Id == id) ?? throw RuleException.NotFound();
        if (user.UnitId is not int unit || !task.Involves(unit)) throw RuleException.Forbidden();
        if (file is not null && attachments.Validate(file) is string bad) throw new RuleException(bad);
        if (input.ReportedOn > Today) throw new RuleException("报送日期不能晚于今天。");
        StagedUpload? staged = null;
        try
        {
            var report = task.ReportProgress(unit, input.ReportedOn!.Value, input.Text, input.RequestClose, user.UserName, Now);
            if (file is { Length: > 0 })
            {
                await using var s = file.OpenReadStream();
                staged = await attachments.StageAsync(s, file.FileName);
                report.AttachmentName = Path.GetFileName(file.FileName);
                report.AttachmentStoredName = staged.StoredName;
                report.AttachmentSize = file.Length;
            }
            audit.Add("supervision.report", nameof(SupervisionTask), id.ToString(), after: input.RequestClose ? "申请办结" : null);
            await db.SaveChangesAsync();
            staged?.Commit();
        }
        finally
        {
            staged?.Dispose();
        }
    }
}
