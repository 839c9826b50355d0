using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>Where a task comes from (domain.md §1.5, §2.6).</summary>
public enum TaskSource
{
    LeaderInstruction = 1, // 领导批示件
    StandingMeeting = 2,   // 常务会议定事项
    NpcSuggestion = 3,     // 人大建议
    CppccProposal = 4,     // 政协提案
    KeyWork = 5,           // 重点工作
    AssignedMatter = 6,    // 交办事项
}

public enum TaskPriority { Normal = 1, Important = 2, Urgent = 3 }

/// <summary>立项 → 交办 → 办理中 → 办结; 撤销办结 returns a closed task to 办理中.</summary>
public enum SupervisionStatus { Registered = 1, Assigned = 2, InProgress = 3, Closed = 4 }

/// <summary>The three outcome classes of a reply to a deputy or member (domain.md §1.5, 001:L30).</summary>
public enum ReplyType { ResolvedAdopted = 1, Planned = 2, Explained = 3 }

public enum Satisfaction { Satisfied = 1, BasicallySatisfied = 2, Dissatisfied = 3 }

public enum TaskEventKind { Registered = 1, Assigned = 2, Reported = 3, Extended = 4, SentBack = 5, Closed = 6, Replied = 7, Imported = 8, Urged = 9, Reopened = 10 }

/// <summary>
/// A supervision task (督办事项). It keeps its own lifecycle rules; every change leaves a timeline event.
/// The original deadline never changes: an extension moves <see cref="Deadline"/> only, so the on-time rate
/// still measures against what was first promised.
/// </summary>
public class SupervisionTask
{
    private SupervisionTask() { }

    public int Id { get; private set; }
    /// <summary>督办编号, e.g. 督〔2026〕15号; unique, the key of the Excel ledger.</summary>
    public string Code { get; private set; } = "";
    public TaskSource Source { get; private set; }
    /// <summary>文号, meeting (市政府第39次常务会议) or proposal number.</summary>
    public string? SourceRef { get; private set; }
    public string Title { get; private set; } = "";
    public string Requirements { get; private set; } = "";
    public int LeadUnitId { get; private set; }
    public Unit? LeadUnit { get; private set; }
    public List<SupervisionTaskUnit> CoUnits { get; private set; } = new();
    public DateOnly AssignedOn { get; private set; }
    public DateOnly OriginalDeadline { get; private set; }
    public DateOnly Deadline { get; private set; }
    public TaskPriority Priority { get; private set; }
    public SupervisionStatus Status { get; private set; }
    public int ExtensionCount { get; private set; }
    public string? ExtensionReason { get; private set; }
    public string? ExtensionApprover { get; private set; }
    /// <summary>Set when the lead unit reports the task done and asks for it to be closed (销号).</summary>
    public DateOnly? CloseRequestedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? Result { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateOnly? RepliedOn { get; private set; }
    public ReplyType? ReplyType { get; private set; }
    public Satisfaction? Satisfaction { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public List<ProgressReport> Reports { get; private set; } = new();
    public List<TaskEvent> Events { get; private set; } = new();
    public List<TaskUrge> Urges { get; private set; } = new();

    public bool IsOpen => Status != SupervisionStatus.Closed;
    public bool IsProposal => Source is TaskSource.NpcSuggestion or TaskSource.CppccProposal;
    public bool IsExtended => Deadline != OriginalDeadline;
    public bool Involves(int unitId) => LeadUnitId == unitId || CoUnits.Any(c => c.UnitId == unitId);

    public static SupervisionTask Register(string code, TaskSource source, string? sourceRef, string title, string requirements,
        int leadUnitId, IEnumerable<int> coUnitIds, DateOnly assignedOn, DateOnly deadline, TaskPriority priority, string? by, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new RuleException("督办编号不能为空。");
        if (string.IsNullOrWhiteSpace(title)) throw new RuleException("事项名称不能为空。");
        if (!Enum.IsDefined(source)) throw new RuleException("来源类型无效。");
        if (!Enum.IsDefined(priority)) throw new RuleException("紧急程度无效。");
        if (deadline < assignedOn) throw new RuleException("办理期限不能早于交办日期。");
        var task = new SupervisionTask
        {
            Code = code.Trim(),
            Source = source,
            SourceRef = string.IsNullOrWhiteSpace(sourceRef) ? null : sourceRef.Trim(),
            Title = title.Trim(),
            Requirements = requirements?.Trim() ?? "",
            LeadUnitId = leadUnitId,
            AssignedOn = assignedOn,
            OriginalDeadline = deadline,
            Deadline = deadline,
            Priority = priority,
            Status = SupervisionStatus.Registered,
            CreatedAt = at,
            UpdatedAt = at,
        };
        foreach (var id in coUnitIds.Where(id => id != leadUnitId).Distinct())
            task.CoUnits.Add(new SupervisionTaskUnit { UnitId = id });
        task.AddEvent(TaskEventKind.Registered, assignedOn, by, at, null);
        return task;
    }

    /// <summary>交办: the task goes to its units, who from now on see it and report on it.</summary>
    public void Assign(DateOnly on, string? by, DateTime at)
    {
        if (Status != SupervisionStatus.Registered) throw new RuleException("只有已立项、尚未交办的事项才能交办。");
        if (Deadline < on) throw new RuleException("交办日期晚于办理期限，请先调整期限。");
        AssignedOn = on;
        Status = SupervisionStatus.Assigned;
        AddEvent(TaskEventKind.Assigned, on, by, at, null);
    }

    /// <summary>A ledger brought in from Excel says the task is under way; its reports stay in the old ledger.</summary>
    public void MarkInProgressFromLedger(DateOnly on, string? by, DateTime at)
    {
        if (Status != SupervisionStatus.Assigned) throw new RuleException("只有已交办的事项才能标记为办理中。");
        Status = SupervisionStatus.InProgress;
        AddEvent(TaskEventKind.Imported, on, by, at, "台账导入：办理中");
    }

    public ProgressReport ReportProgress(int unitId, DateOnly on, string text, bool requestClose, string? by, DateTime at)
    {
        if (Status is not (SupervisionStatus.Assigned or SupervisionStatus.InProgress))
            throw new RuleException(Status == SupervisionStatus.Closed ? "事项已办结，不能再报送进展。" : "事项尚未交办，不能报送进展。");
        if (!Involves(unitId)) throw new RuleException("只有牵头单位和协办单位可以报送进展。");
        if (string.IsNullOrWhiteSpace(text)) throw new RuleException("进展情况不能为空。");
        if (on < AssignedOn) throw new RuleException("报送日期不能早于交办日期。");
        if (requestClose && unitId != LeadUnitId) throw new RuleException("只有牵头单位可以申请办结。");
        Status = SupervisionStatus.InProgress;
        if (requestClose) CloseRequestedOn = on;
        var report = new ProgressReport { UnitId = unitId, ReportedOn = on, Text = text.Trim(), RequestsClose = requestClose, UserName = by, At = at };
        Reports.Add(report);
        AddEvent(TaskEventKind.Reported, on, by, at, requestClose ? "申请办结" : null);
        return report;
    }

    /// <summary>延期: a new deadline with its reason and approver; the original deadline stays for the on-time rate.</summary>
    public void Extend(DateOnly newDeadline, string reason, string approver, DateOnly on, string? by, DateTime at)
    {
        if (Status == SupervisionStatus.Closed) throw new RuleException("事项已办结，不能延期。");
        if (newDeadline <= Deadline) throw new RuleException("延期后的期限必须晚于当前期限。");
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleException("请填写延期理由。");
        if (string.IsNullOrWhiteSpace(approver)) throw new RuleException("请填写延期批准人。");
        var previous = Deadline;
        Deadline = newDeadline;
        ExtensionCount++;
        ExtensionReason = reason.Trim();
        ExtensionApprover = approver.Trim();
        AddEvent(TaskEventKind.Extended, on, by, at,
            $"期限由 {previous:yyyy-MM-dd} 延至 {newDeadline:yyyy-MM-dd}；理由：{ExtensionReason}；批准人：{ExtensionApprover}");
    }

    /// <summary>办结 (销号) on the given date with the result.</summary>
    public void Complete(DateOnly on, string result, string? by, DateTime at)
    {
        if (Status == SupervisionStatus.Closed) throw new RuleException("事项已经办结。");
        if (Status == SupervisionStatus.Registered) throw new RuleException("事项尚未交办，不能办结。");
        if (on < AssignedOn) throw new RuleException("办结日期不能早于交办日期。");
        if (string.IsNullOrWhiteSpace(result)) throw new RuleException("请填写办结情况。");
        Status = SupervisionStatus.Closed;
        ClosedOn = on;
        Result = result.Trim();
        ClosedBy = by;
        CloseRequestedOn = null;
        AddEvent(TaskEventKind.Closed, on, by, at, Result);
    }

    /// <summary>退回办结申请: the lead unit asked to close (销号) but the office finds the work not done; the task stays 办理中.</summary>
    public void SendBack(DateOnly on, string reason, string? by, DateTime at)
    {
        if (Status == SupervisionStatus.Closed) throw new RuleException("事项已办结，如需重新办理请撤销办结。");
        if (CloseRequestedOn is null) throw new RuleException("只有申请办结的事项才能退回办结申请。");
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleException("请填写退回理由。");
        CloseRequestedOn = null;
        AddEvent(TaskEventKind.SentBack, on, by, at, reason.Trim());
    }

    /// <summary>撤销办结: a closed task is reopened (办理中) with the reason; a reopened task counts as open (domain.md §4.2).</summary>
    public void Reopen(DateOnly on, string reason, string? by, DateTime at)
    {
        if (Status != SupervisionStatus.Closed) throw new RuleException("只有已办结的事项才能撤销办结。");
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleException("请填写撤销办结的理由。");
        Status = SupervisionStatus.InProgress;
        ClosedOn = null;
        Result = null;
        ClosedBy = null;
        CloseRequestedOn = null;
        AddEvent(TaskEventKind.Reopened, on, by, at, reason.Trim());
    }

    /// <summary>
    /// 催办: the office urges a unit on an open task (the lead unit or a co-operating one), with an optional message.
    /// It stays on the unit's desk until the unit reports progress on the task (see <see cref="UrgeRules"/>).
    /// </summary>
    public TaskUrge Urge(int unitId, string unitName, string? message, DateOnly on, string? by, DateTime at)
    {
        if (Status == SupervisionStatus.Closed) throw new RuleException("事项已办结，不能催办。");
        if (Status == SupervisionStatus.Registered) throw new RuleException("事项尚未交办，不能催办。");
        if (!Involves(unitId)) throw new RuleException("只能催办本事项的牵头单位或协办单位。");
        var text = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (text is { Length: > UrgeRules.MaxMessageLength }) throw new RuleException($"催办说明不能超过 {UrgeRules.MaxMessageLength} 字。");
        var urge = new TaskUrge { UnitId = unitId, On = on, At = at, UserName = by, Message = text };
        Urges.Add(urge);
        AddEvent(TaskEventKind.Urged, on, by, at, text is null ? unitName : $"{unitName}；{text}");
        return urge;
    }

    /// <summary>答复 a deputy (人大建议) or member (政协提案): "事事有回音".</summary>
    public void RecordReply(DateOnly on, ReplyType type, Satisfaction? satisfaction, string? by, DateTime at)
    {
        if (!IsProposal) throw new RuleException("只有人大建议和政协提案需要登记答复。");
        if (Status == SupervisionStatus.Registered) throw new RuleException("事项尚未交办，不能登记答复。");
        if (!Enum.IsDefined(type)) throw new RuleException("答复类型无效。");
        if (satisfaction is Satisfaction s && !Enum.IsDefined(s)) throw new RuleException("满意度无效。");
        if (on < AssignedOn) throw new RuleException("答复日期不能早于交办日期。");
        RepliedOn = on;
        ReplyType = type;
        Satisfaction = satisfaction;
        AddEvent(TaskEventKind.Replied, on, by, at,
            SupervisionText.Of(type) + (satisfaction is Satisfaction v ? "；" + SupervisionText.Of(v) : ""));
    }

    private void AddEvent(TaskEventKind kind, DateOnly on, string? by, DateTime at, string? note)
    {
        UpdatedAt = at;
        Events.Add(new TaskEvent { Kind = kind, On = on, At = at, UserName = by, Note = note });
    }
}

/// <summary>A co-operating unit (协办单位) of a task.</summary>
public class SupervisionTaskUnit
{
    public int TaskId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
}

/// <summary>A unit's progress report; the attachment lives in the data directory under a generated name.</summary>
public class ProgressReport
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public DateOnly ReportedOn { get; set; }
    public string Text { get; set; } = "";
    public bool RequestsClose { get; set; }
    /// <summary>The name the user uploaded (shown and offered on download).</summary>
    public string? AttachmentName { get; set; }
    /// <summary>The generated file name under the attachments directory (never the user's name).</summary>
    public string? AttachmentStoredName { get; set; }
    public long? AttachmentSize { get; set; }
    public string? UserName { get; set; }
    public DateTime At { get; set; }
}

/// <summary>催办: the office urged a unit on a task (who, when, with what message).</summary>
public class TaskUrge
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>The business date (Asia/Shanghai).</summary>
    public DateOnly On { get; set; }
    /// <summary>When it was recorded (UTC): a report recorded after it answers it.</summary>
    public DateTime At { get; set; }
    public string? UserName { get; set; }
    public string? Message { get; set; }
}

/// <summary>One line of a task's timeline.</summary>
public class TaskEvent
{
    public long Id { get; set; }
    public int TaskId { get; set; }
    public TaskEventKind Kind { get; set; }
    /// <summary>The business date (Asia/Shanghai) the event stands for.</summary>
    public DateOnly On { get; set; }
    /// <summary>When it was recorded (UTC).</summary>
    public DateTime At { get; set; }
    public string? UserName { get; set; }
    public string? Note { get; set; }
}
