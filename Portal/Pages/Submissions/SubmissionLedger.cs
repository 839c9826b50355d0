using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Excel;
using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Submissions;

/// <summary>The outcome of an import: how many items were added, or every error found (and nothing added).</summary>
public sealed record LedgerImportResult(int Imported, IReadOnlyList<ExcelError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The ledger (台账) of information items in Excel: export for a period, an empty template, and import of a ledger in
/// the same layout. An import is all or nothing: every row is checked first, and one error anywhere adds no item.
/// </summary>
public sealed partial class SubmissionLedger(
    PortalDbContext db, ScoringService scoring, AuditLog audit, CurrentUser user, TimeProvider time, Search.SearchChangeLog changes, PersonNames names)
{
    public const string H_No = "序号", H_Unit = "报送单位", H_Title = "标题", H_Category = "信息类别", H_Date = "报送日期",
        H_Status = "状态", H_By = "报送人", H_Instructions = "领导批示", H_Points = "得分", H_Comment = "审核意见", H_Body = "正文";

    private static string LevelDateHeader(AdoptionLevel l) => l.ShortName() + "日期";
    private static string LevelPublicationHeader(AdoptionLevel l) => l.ShortName() + "刊物";

    private static readonly string[] Required = { H_Unit, H_Title, H_Category, H_Date, H_Status };

    /// <summary>Every column of the ledger; those marked Print are the columns of the filed (printed) 台账.</summary>
    public static IReadOnlyList<ExcelColumn> Columns()
    {
        var c = new List<ExcelColumn>
        {
            // The print selection is 118 characters wide: LibreOffice fits it to A4 landscape at 80 % or more (text 8 pt or larger).
            new(H_No, ExcelColumnKind.Integer, 5, Print: true), new(H_Unit, Width: 16, Print: true), new(H_Title, Width: 36, Print: true),
            new(H_Category, Width: 12, Print: true), new(H_Date, ExcelColumnKind.Date, 11, Print: true), new(H_Status, Width: 7, Print: true), new(H_By),
        };
        foreach (var l in SubmissionNames.Levels)
        {
            c.Add(new(LevelDateHeader(l), ExcelColumnKind.Date));
            c.Add(new(LevelPublicationHeader(l)));
        }
        c.Add(new(H_Instructions, Width: 24, Print: true));
        c.Add(new(H_Points, ExcelColumnKind.Decimal, 7, Print: true));
        c.Add(new(H_Comment, Width: 30));
        c.Add(new(H_Body, Width: 60));
        return c;
    }

    public byte[] Template()
    {
        var sheet = new ExcelSheet("台账", Columns()) { Title = "政务信息报送台账（导入模板）" };
        sheet.Subtitles.Add("填写说明：报送单位填单位全称；信息类别填 " + string.Join("、", SubmissionNames.Categories.Select(c => c.Display())) +
                            "；状态填 " + string.Join("、", SubmissionNames.Statuses.Select(s => s.Display())) +
                            "；日期格式 yyyy-MM-dd；领导批示每行一条，格式“2026-03-05 张市长：批示内容”；得分由系统按计分规则计算，无需填写。");
        sheet.Subtitles.Add($"导出时间：{ShanghaiClock.Format(time.GetUtcNow().UtcDateTime)}");
        return ExcelWriter.ToBytes(sheet);
    }

    /// <summary>The ledger of the items submitted in <paramref name="period"/> (optionally of one unit).</summary>
    public async Task<byte[]> ExportAsync(Period period, int? unitId = null, ExcelColumnChoice? columns = null, CancellationToken ct = default)
    {
        var q = db.Set<Submission>().AsNoTracking().Include(s => s.Unit).Include(s => s.Adoptions).Include(s => s.Instructions)
            .Where(s => s.SubmittedOn >= period.Start && s.SubmittedOn <= period.End);
        if (unitId is int u) q = q.Where(s => s.UnitId == u);
        var items = await q.AsSplitQuery().ToListAsync(ct);
        items = items.OrderBy(s => s.SubmittedOn).ThenBy(s => s.Unit!.SortOrder).ThenBy(s => s.Id).ToList();

        var sheet = new ExcelSheet("台账", Columns()) { Title = "政务信息报送台账" };
        sheet.Subtitles.Add($"统计期间：{period.Label}（{period.Start:yyyy-MM-dd} 至 {period.End:yyyy-MM-dd}）　共 {items.Count} 条");
        sheet.Subtitles.Add($"导出时间：{ShanghaiClock.Format(time.GetUtcNow().UtcDateTime)}");
        var n = 0;
        foreach (var s in items)
        {
            var row = new List<object?> { ++n, s.Unit!.Name, s.Title, s.Category.Display(), s.SubmittedOn, s.Status.Display(), names.Of(s.SubmittedBy) };
            foreach (var l in SubmissionNames.Levels)
            {
                var a = s.AdoptionAt(l);
                row.Add(a?.AdoptedOn);
                row.Add(a?.Publication);
            }
            row.Add(s.Instructions.Count == 0 ? null : string.Join("\n", s.Instructions.OrderBy(i => i.InstructedOn).ThenBy(i => i.Id).Select(i => i.ToString())));
            row.Add(s.Points);
            row.Add(s.ReviewComment);
            row.Add(s.Body.Length == 0 ? null : s.Body);
            sheet.AddRow(row.ToArray());
        }
        return ExcelWriter.ToBytes((columns ?? new()).Apply(sheet));
    }

    [GeneratedRegex(@"^(\d{4}-\d{1,2}-\d{1,2})\s+([^：:]+?)\s*(?:[：:]\s*(.*))?$")]
    private static partial Regex InstructionLine();

    /// <summary>Imports a ledger. Any error → nothing is added, and every error is returned with its row and column.</summary>
    public async Task<LedgerImportResult> ImportAsync(Stream input, CancellationToken ct = default)
    {
        if (!user.IsStaff) throw new RuleException("只有办公室工作人员可以导入台账。");
        var optional = new List<string> { H_No, H_By, H_Instructions, H_Points, H_Comment, H_Body };
        foreach (var l in SubmissionNames.Levels) { optional.Add(LevelDateHeader(l)); optional.Add(LevelPublicationHeader(l)); }
        var table = ExcelTableReader.Open(input, Required, optional);
        if (table.HeaderRowNumber == 0) return new LedgerImportResult(0, table.SortedErrors());

        // A column for an adoption level the rules do not know (e.g. "中办采用日期") is refused, not silently dropped.
        foreach (var (col, text) in table.HeaderCells)
            if ((text.EndsWith("采用日期") || text.EndsWith("采用刊物")) && !optional.Contains(text))
                table.AddError(new ExcelError(table.HeaderRowNumber, ExcelWriter.ColumnLetter(col), text,
                    $"采用等次“{text[..^2]}”不在计分规则中（可用：{string.Join("、", SubmissionNames.Levels.Select(l => l.ShortName()))}）。"));

        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var unitByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in units) unitByName.TryAdd(u.Name, u.Id);
        foreach (var u in units.Where(u => !string.IsNullOrEmpty(u.ShortName))) unitByName.TryAdd(u.ShortName!, u.Id);
        var existing = (await db.Set<Submission>().AsNoTracking().Select(s => new { s.UnitId, s.Title, s.SubmittedOn }).ToListAsync(ct))
            .Select(s => (s.UnitId, s.Title, s.SubmittedOn)).ToHashSet();
        var seen = new Dictionary<(int, string, DateOnly), int>();
        var parsed = new List<ParsedRow>();

        foreach (var r in table.Records)
        {
            var unitName = r.Text(H_Unit, required: true);
            int? unitId = null;
            if (unitName is not null)
            {
                if (unitByName.TryGetValue(unitName, out var id)) unitId = id;
                else r.AddError(H_Unit, $"单位“{unitName}”不存在。");
            }
            var title = r.Text(H_Title, required: true, maxLength: Submission.TitleMaxLength);
            var categoryText = r.Text(H_Category, required: true);
            var category = SubmissionNames.ParseCategory(categoryText);
            if (categoryText is not null && category is null)
                r.AddError(H_Category, $"信息类别“{categoryText}”无效，应为：{string.Join("、", SubmissionNames.Categories.Select(c => c.Display()))}。");
            var date = r.Date(H_Date, required: true);
            var statusText = r.Text(H_Status, required: true);
            var status = SubmissionNames.ParseStatus(statusText);
            if (statusText is not null && status is null)
                r.AddError(H_Status, $"状态“{statusText}”无效，应为：{string.Join("、", SubmissionNames.Statuses.Select(s => s.Display()))}。");
            var by = r.Text(H_By, maxLength: 256);
            var comment = r.Text(H_Comment, maxLength: 1000);
            var body = r.Text(H_Body, maxLength: Submission.BodyMaxLength);
            r.Number(H_Points); // checked for garbage only: points are always computed from the rules

            var adoptions = new List<(AdoptionLevel Level, DateOnly On, string? Publication)>();
            foreach (var l in SubmissionNames.Levels)
            {
                var on = r.Date(LevelDateHeader(l));
                var publication = r.Text(LevelPublicationHeader(l), maxLength: Adoption.PublicationMaxLength);
                if (on is null && publication is not null && r.Cell(LevelDateHeader(l)).IsBlank)
                    r.AddError(LevelDateHeader(l), "填写了刊物，但没有采用日期。");
                if (on is DateOnly d)
                {
                    if (date is DateOnly sd && d < sd) r.AddError(LevelDateHeader(l), "采用日期不能早于报送日期。");
                    adoptions.Add((l, d, publication));
                }
            }

            var instructions = new List<(DateOnly On, string Leader, string? Content)>();
            var instructionText = r.Text(H_Instructions);
            if (instructionText is not null)
            {
                var k = 0;
                foreach (var line in instructionText.Split('\n').Select(x => x.Trim()).Where(x => x.Length > 0))
                {
                    k++;
                    var m = InstructionLine().Match(line);
                    if (!m.Success || !DateOnly.TryParseExact(m.Groups[1].Value, new[] { "yyyy-MM-dd", "yyyy-M-d" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
                    {
                        r.AddError(H_Instructions, $"第{k}条批示格式应为“2026-03-05 张市长：批示内容”。");
                        continue;
                    }
                    if (m.Groups[2].Value.Length > LeaderInstruction.LeaderMaxLength) r.AddError(H_Instructions, $"第{k}条批示的领导名称过长。");
                    if (date is DateOnly sd && on < sd) r.AddError(H_Instructions, $"第{k}条批示日期不能早于报送日期。");
                    instructions.Add((on, m.Groups[2].Value, m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? m.Groups[3].Value : null));
                }
            }

            if (status == SubmissionStatus.Adopted && adoptions.Count == 0)
                r.AddError(H_Status, "状态为“已采用”，但没有任何采用日期。");
            if (status is not null && status != SubmissionStatus.Adopted && adoptions.Count > 0)
                r.AddError(H_Status, $"有采用记录时状态应为“已采用”，而不是“{status.Value.Display()}”。");
            if (status is not null && status != SubmissionStatus.Adopted && instructions.Count > 0)
                r.AddError(H_Instructions, "只有已采用的信息才能有领导批示。");

            if (unitId is int uid && title is not null && date is DateOnly dd)
            {
                if (existing.Contains((uid, title, dd)))
                    r.AddError(H_Title, "系统中已有同一单位、同一报送日期、同一标题的信息（重复导入）。");
                else if (seen.TryGetValue((uid, title, dd), out var first))
                    r.AddError(H_Title, $"与第{first}行重复（同一单位、同一报送日期、同一标题）。");
                else seen[(uid, title, dd)] = r.Row;
            }

            if (unitId is int u2 && title is not null && category is SubmissionCategory c && date is DateOnly d2 && status is SubmissionStatus st)
                parsed.Add(new ParsedRow(r.Row, u2, title, body ?? "", c, d2, st, by, comment, adoptions, instructions));
        }

        if (table.HasErrors) return new LedgerImportResult(0, table.SortedErrors());
        if (parsed.Count == 0) return new LedgerImportResult(0, new[] { new ExcelError(0, null, null, "文件中没有数据行。") });

        var now = time.GetUtcNow().UtcDateTime;
        var importer = user.UserName ?? "system";
        var rules = new Dictionary<int, ScoringPoints>();
        var created = new List<Submission>();
        foreach (var p in parsed)
        {
            var s = new Submission(p.UnitId, p.Title, p.Body, p.Category, p.SubmittedOn, p.SubmittedBy ?? importer, now);
            foreach (var a in p.Adoptions) s.Adopt(a.Level, a.On, a.Publication, importer, now);
            foreach (var i in p.Instructions) s.AddInstruction(i.Leader, i.On, i.Content, importer, now);
            s.RestoreReview(p.Status, p.Comment, p.Status == SubmissionStatus.Submitted ? null : importer);
            if (!rules.TryGetValue(p.SubmittedOn.Year, out var rule))
                rules[p.SubmittedOn.Year] = rule = await scoring.PointsForYearAsync(p.SubmittedOn.Year, ct);
            s.SetPoints(ScoringCalculator.PointsFor(s, rule));
            created.Add(s);
        }
        db.AddRange(created);
        audit.Add("submission.import", nameof(Submission), null, null, $"导入台账 {created.Count} 条");
        // The items and their search change rows commit together: an import is found by search completely or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await changes.SubmissionsChangedAsync(created.Select(s => s.Id), ct, bulk: true);
        await tx.CommitAsync(ct);
        return new LedgerImportResult(created.Count, Array.Empty<ExcelError>());
    }

    private sealed record ParsedRow(int Row, int UnitId, string Title, string Body, SubmissionCategory Category, DateOnly SubmittedOn,
        SubmissionStatus Status, string? SubmittedBy, string? Comment,
        List<(AdoptionLevel Level, DateOnly On, string? Publication)> Adoptions,
        List<(DateOnly On, string Leader, string? Content)> Instructions);
}
