using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Excel;
using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Supervision;

public sealed record LedgerImportResult(int Imported, IReadOnlyList<ExcelError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The ledger and the statistics as workbooks (with the office's conventions from <see cref="Portal.Excel"/>),
/// and the ledger read back: every row is checked first, and any error means nothing is imported.
/// </summary>
public sealed class SupervisionExcel(PortalDbContext db, TimeProvider time, CurrentUser user, AuditLog audit)
{
    // Column headers are the import's contract: export and import share them.
    public const string HCode = "督办编号", HSource = "来源类型", HSourceRef = "来源文号/会议", HTitle = "事项名称", HRequirements = "办理要求",
        HLead = "牵头单位", HCo = "协办单位", HAssigned = "交办日期", HOriginal = "原定期限", HDeadline = "办理期限", HPriority = "紧急程度",
        HStatus = "状态", HExtReason = "延期理由", HExtApprover = "延期批准人", HClosedOn = "办结日期", HResult = "办结情况",
        HRepliedOn = "答复日期", HReplyType = "答复类型", HSatisfaction = "满意度", HWarning = "预警",
        HLatestOn = "最新进展日期", HLatest = "最新进展", HUrges = "催办次数";

    private static readonly string[] Required = { HCode, HSource, HTitle, HLead, HAssigned, HDeadline };
    private static readonly string[] Optional =
        { HSourceRef, HRequirements, HCo, HOriginal, HPriority, HStatus, HExtReason, HExtApprover, HClosedOn, HResult, HRepliedOn, HReplyType, HSatisfaction };

    /// <summary>Every column of the ledger; those marked Print are the columns of the filed (printed) 台账.</summary>
    public static readonly ExcelColumn[] LedgerColumns =
    {
        // The print selection is 126 characters wide: LibreOffice fits it to A4 landscape at 80 % or more (text 8 pt or larger).
        new(HCode, Width: 16, Print: true), new(HSource, Width: 10, Print: true), new(HSourceRef), new(HTitle, Width: 26, Print: true),
        new(HRequirements, Width: 40), new(HLead, Width: 16, Print: true), new(HCo, Width: 30),
        new(HAssigned, ExcelColumnKind.Date, 11, Print: true), new(HOriginal, ExcelColumnKind.Date), new(HDeadline, ExcelColumnKind.Date, 11, Print: true),
        new(HPriority), new(HStatus, Width: 7, Print: true), new(HExtReason), new(HExtApprover), new(HClosedOn, ExcelColumnKind.Date, 11, Print: true),
        new(HResult, Width: 18, Print: true), new(HRepliedOn, ExcelColumnKind.Date), new(HReplyType), new(HSatisfaction), new(HWarning),
        new(HLatestOn, ExcelColumnKind.Date), new(HLatest, Width: 40), new(HUrges, ExcelColumnKind.Integer),
    };

    private string ExportTime => "导出时间：" + ShanghaiClock.Format(time.GetUtcNow().UtcDateTime);

    public static string FileName(string what, TimeProvider time) => $"{what}_{ShanghaiClock.Today(time):yyyyMMdd}.xlsx";

    public byte[] Ledger(IReadOnlyList<LedgerRow> rows, LedgerFilter filter, ExcelColumnChoice? columns = null)
    {
        var sheet = new ExcelSheet("督办台账", LedgerColumns) { Title = "督查督办事项台账" };
        sheet.Subtitles.Add("交办日期：" + (filter.From is null && filter.To is null ? "全部"
            : $"{filter.From?.ToString("yyyy-MM-dd") ?? "不限"} 至 {filter.To?.ToString("yyyy-MM-dd") ?? "不限"}") + $"　共 {rows.Count} 件");
        sheet.Subtitles.Add(ExportTime);
        foreach (var r in rows)
        {
            var t = r.Task;
            sheet.AddRow(t.Code, SupervisionText.Of(t.Source), t.SourceRef, t.Title, t.Requirements, r.LeadUnit, string.Join("、", r.CoUnits),
                t.AssignedOn, t.OriginalDeadline, t.Deadline, SupervisionText.Of(t.Priority), SupervisionText.Of(t.Status),
                t.ExtensionReason, t.ExtensionApprover, t.ClosedOn, t.Result, t.RepliedOn,
                t.ReplyType is ReplyType rt ? SupervisionText.Of(rt) : null, t.Satisfaction is Satisfaction s ? SupervisionText.Of(s) : null,
                r.Warning == WarningLevel.None ? null : SupervisionText.Of(r.Warning), r.LatestProgressOn, r.LatestProgress, r.UrgeCount);
        }
        return ExcelWriter.ToBytes((columns ?? new()).Apply(sheet));
    }

    /// <summary>An empty ledger with the headers and one line of guidance, for units filling in a ledger by hand.</summary>
    public byte[] Template()
    {
        var sheet = new ExcelSheet("督办台账", LedgerColumns) { Title = "督查督办事项台账（导入模板）" };
        sheet.Subtitles.Add($"必填：{string.Join("、", Required)}。来源类型：{string.Join("、", SupervisionText.All<TaskSource>().Select(SupervisionText.Of))}；" +
                            $"状态：{string.Join("、", SupervisionText.All<SupervisionStatus>().Select(SupervisionText.Of))}（空为已交办）；单位名称与系统中一致，协办单位用“、”分隔。");
        return ExcelWriter.ToBytes(sheet);
    }

    public byte[] Statistics(SupervisionStatistics s)
    {
        var period = $"统计期间：{s.Period.Label}（{s.Period.Start:yyyy-MM-dd} 至 {s.Period.End:yyyy-MM-dd}），截至 {s.Today:yyyy-MM-dd}";
        var units = new ExcelSheet("各单位办结情况", new ExcelColumn[]
        {
            new("名次"), new("单位"), new("交办数", ExcelColumnKind.Integer), new("办结数", ExcelColumnKind.Integer), new("办结率", ExcelColumnKind.Percent),
            new("按期办结数", ExcelColumnKind.Integer), new("应按期办结数", ExcelColumnKind.Integer), new("按期办结率", ExcelColumnKind.Percent),
            new("逾期未办结", ExcelColumnKind.Integer), new("逾期办结", ExcelColumnKind.Integer), new("建议提案数", ExcelColumnKind.Integer),
            new("已答复", ExcelColumnKind.Integer), new("答复率", ExcelColumnKind.Percent), new("满意率", ExcelColumnKind.Percent),
            new("催办次数", ExcelColumnKind.Integer),
        }) { Title = "督查督办事项办理情况统计" };
        units.Subtitles.Add(period + "；名次依据：" + SupervisionRates.Label(s.RankKeys) + "，各项都相同的单位并列");
        units.Subtitles.Add(ExportTime);
        object? Pct(decimal? r) => r is decimal v ? v : "—";
        void Add(string rank, string name, RateRow r, int urges) => units.AddRow(rank, name, r.Assigned, r.Closed, Pct(r.CompletionRate), r.ClosedOnTime, r.DueInPeriod,
            Pct(r.OnTimeRate), r.OverdueOpen, r.ClosedLate, r.Proposals, r.Replied, Pct(r.ReplyRate), Pct(r.SatisfactionRate), urges);
        foreach (var u in s.Units) Add(u.RankText, u.Item.Unit.Name, u.Item.Row, s.UrgesOf(u.Item.Unit.Id));
        Add("", "合计", s.Overall, s.UrgesTotal);

        var months = new ExcelSheet("月度趋势", new ExcelColumn[]
        {
            new("月份"), new("交办数", ExcelColumnKind.Integer), new("办结数（按办结月份）", ExcelColumnKind.Integer),
            new("逾期未办结（按交办月份）", ExcelColumnKind.Integer), new("月度办结率", ExcelColumnKind.Percent),
        }) { Title = "督查督办月度趋势" };
        months.Subtitles.Add(period);
        months.Subtitles.Add(ExportTime);
        foreach (var m in s.Months) months.AddRow($"{m.Month:yyyy-MM}", m.Assigned, m.Closed, m.OverdueOpen, m.CompletionRate is decimal r ? r : "—");

        var definitions = new ExcelSheet("指标口径", new ExcelColumn[] { new("指标"), new("口径", Width: 90) }) { Title = "指标口径", AutoFilter = false };
        definitions.Subtitles.Add(period);
        foreach (var (name, definition) in SupervisionRates.Definitions) definitions.AddRow(name, definition);
        return ExcelWriter.ToBytes(units, months, definitions);
    }

    /// <summary>Reads a ledger; when any row has an error, nothing is saved and every error is returned by row and column.</summary>
    public async Task<LedgerImportResult> ImportAsync(Stream input)
    {
        var table = ExcelTableReader.Open(input, Required, Optional);
        if (table.HeaderRowNumber == 0) return new LedgerImportResult(0, table.SortedErrors());
        var units = await db.Units.AsNoTracking().ToListAsync();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            byName[u.Name] = u.Id;
            if (!string.IsNullOrEmpty(u.ShortName)) byName.TryAdd(u.ShortName, u.Id);
        }
        var existing = (await db.Set<SupervisionTask>().Select(t => t.Code).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var at = time.GetUtcNow().UtcDateTime;
        var tasks = new List<SupervisionTask>();

        foreach (var r in table.Records)
        {
            var errorsBefore = table.Errors.Count;
            var code = r.Text(HCode, required: true, maxLength: 50);
            if (code is not null)
            {
                if (existing.Contains(code)) r.AddError(HCode, $"督办编号“{code}”已存在。");
                else if (seen.TryGetValue(code, out var firstRow)) r.AddError(HCode, $"督办编号“{code}”与第{firstRow}行重复。");
                else seen[code] = r.Row;
            }
            var source = Enum<TaskSource>(r, HSource, SupervisionText.Of, required: true);
            var sourceRef = r.Text(HSourceRef, maxLength: 200);
            var title = r.Text(HTitle, required: true, maxLength: 300);
            var requirements = r.Text(HRequirements) ?? "";
            int? lead = null;
            if (r.Text(HLead, required: true) is string leadName)
            {
                if (byName.TryGetValue(leadName, out var id)) lead = id;
                else r.AddError(HLead, $"单位“{leadName}”不存在。");
            }
            var co = new List<int>();
            foreach (var name in (r.Text(HCo) ?? "").Split(new[] { '、', ',', '，', ';', '；' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (byName.TryGetValue(name, out var id)) co.Add(id);
                else r.AddError(HCo, $"单位“{name}”不存在。");
            }
            var assigned = r.Date(HAssigned, required: true);
            var deadline = r.Date(HDeadline, required: true);
            var original = r.Date(HOriginal) ?? deadline;
            var priority = Enum<TaskPriority>(r, HPriority, SupervisionText.Of) ?? TaskPriority.Normal;
            var status = Enum<SupervisionStatus>(r, HStatus, SupervisionText.Of) ?? SupervisionStatus.Assigned;
            var extReason = r.Text(HExtReason, maxLength: 500);
            var extApprover = r.Text(HExtApprover, maxLength: 100);
            var closedOn = r.Date(HClosedOn);
            var result = r.Text(HResult);
            var repliedOn = r.Date(HRepliedOn);
            var replyType = Enum<ReplyType>(r, HReplyType, SupervisionText.Of);
            var satisfaction = Enum<Satisfaction>(r, HSatisfaction, SupervisionText.Of);

            if (deadline is DateOnly d && original is DateOnly o)
            {
                if (d < o) r.AddError(HDeadline, "办理期限不能早于原定期限。");
                else if (d > o && (extReason is null || extApprover is null))
                    r.AddError(extReason is null ? HExtReason : HExtApprover, "办理期限晚于原定期限（已延期）时，须填写延期理由和批准人。");
            }
            if (status == SupervisionStatus.Closed && closedOn is null) r.AddError(HClosedOn, "状态为已办结时须填写办结日期。");
            if (status == SupervisionStatus.Closed && result is null) r.AddError(HResult, "状态为已办结时须填写办结情况。");
            if (status != SupervisionStatus.Closed && closedOn is not null) r.AddError(HClosedOn, "未办结的事项不应有办结日期。");
            if ((repliedOn is null) != (replyType is null)) r.AddError(repliedOn is null ? HRepliedOn : HReplyType, "答复日期和答复类型须同时填写。");
            if (satisfaction is not null && repliedOn is null) r.AddError(HSatisfaction, "未答复的事项不应有满意度。");
            if (table.Errors.Count > errorsBefore) continue;

            // The entity checks the remaining rules (dates in order, replies only for proposals, …).
            try
            {
                var task = SupervisionTask.Register(code!, source!.Value, sourceRef, title!, requirements, lead!.Value, co,
                    assigned!.Value, original!.Value, priority, user.UserName, at);
                if (status != SupervisionStatus.Registered)
                {
                    task.Assign(assigned.Value, user.UserName, at);
                    if (deadline > original) task.Extend(deadline!.Value, extReason!, extApprover!, assigned.Value, user.UserName, at);
                    if (status == SupervisionStatus.InProgress) task.MarkInProgressFromLedger(assigned.Value, user.UserName, at);
                    if (repliedOn is DateOnly replied) task.RecordReply(replied, replyType!.Value, satisfaction, user.UserName, at);
                    if (status == SupervisionStatus.Closed) task.Complete(closedOn!.Value, result!, user.UserName, at);
                }
                else if (repliedOn is not null || deadline > original)
                    throw new RuleException("立项（未交办）的事项不能有延期或答复。");
                tasks.Add(task);
            }
            catch (RuleException ex) { r.AddError(null, ex.Message); }
        }
        if (table.HasErrors) return new LedgerImportResult(0, table.SortedErrors());
        if (tasks.Count == 0) return new LedgerImportResult(0, new[] { new ExcelError(0, null, null, "文件中没有数据行。") });

        db.AddRange(tasks);
        audit.Add("supervision.import", nameof(SupervisionTask), null, after: $"{tasks.Count} 件");
        await db.SaveChangesAsync();
        return new LedgerImportResult(tasks.Count, Array.Empty<ExcelError>());
    }

    private static T? Enum<T>(ExcelRecord r, string header, Func<T, string> name, bool required = false) where T : struct, System.Enum
    {
        var text = r.Text(header, required);
        if (text is null) return null;
        var value = SupervisionText.Parse(text, name);
        if (value is null) r.AddError(header, $"“{text}”无效，应为：{string.Join("、", SupervisionText.All<T>().Select(name))}。");
        return value;
    }
}
