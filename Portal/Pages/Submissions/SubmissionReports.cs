using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Excel;
using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Submissions;

/// <summary>Statistics and ranking of a period, for the page and for Excel.</summary>
public sealed record SubmissionReport(Period Period, List<RankingRow> Ranking, MonthlySeries Monthly, IReadOnlyList<UnitRef> Units,
    IReadOnlyList<SubmissionRankKey> RankKeys)
{
    public bool IsEmpty => SubmissionStatistics.IsEmpty(Ranking);
    public string RankLabel => SubmissionStatistics.Label(RankKeys);
}

/// <summary>
/// Loads the figures the statistics need (all units: pages cut them down to what the user may see). Scoped to the request,
/// it reads the items once: a later report of the same request (the dashboard's round reading the module's points, the
/// previous period) is computed from the items already read when their dates are covered.
/// </summary>
public sealed class SubmissionReports(PortalDbContext db, TimeProvider time, IOptions<SubmissionOptions> options)
{
    private List<(UnitRef Unit, bool IsActive)>? unitsRead;
    private (DateOnly From, DateOnly To, List<ItemFact> Facts)? read;

    /// <summary>The units a ranking lists: the active ones, and disabled ones with items in <paramref name="facts"/> (see <see cref="ReportedUnits"/>).</summary>
    public async Task<List<UnitRef>> UnitsAsync(IReadOnlyCollection<ItemFact>? facts = null, CancellationToken ct = default)
    {
        unitsRead ??= (await db.Units.Where(u => u.Kind != UnitKind.InternalDivision)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, u.SortOrder, u.IsActive }).ToListAsync(ct))
            .Select(u => (new UnitRef(u.Id, u.Name, u.SortOrder), u.IsActive)).ToList();
        var withItems = facts?.Select(f => f.UnitId).ToHashSet() ?? [];
        return unitsRead.Where(u => ReportedUnits.Include(u.IsActive, withItems.Contains(u.Unit.Id))).Select(u => u.Unit).ToList();
    }

    /// <summary>The facts of the items submitted between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public async Task<List<ItemFact>> FactsAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (read is not { } r || from < r.From || to > r.To)
        {
            // Read the union of what this request asked for so far: each item once, even when the ranges differ.
            var (start, end) = read is { } had ? (had.From < from ? had.From : from, had.To > to ? had.To : to) : (from, to);
            read = r = (start, end, await ReadAsync(start, end, ct));
        }
        return r.Facts.Where(f => f.SubmittedOn >= from && f.SubmittedOn <= to).ToList();
    }

    private async Task<List<ItemFact>> ReadAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await db.Set<Submission>().AsNoTracking()
            .Where(s => s.SubmittedOn >= from && s.SubmittedOn <= to)
            .Select(s => new
            {
                s.UnitId, s.SubmittedOn, s.Points, s.Status,
                Levels = s.Adoptions.Select(a => a.Level).ToList(),
                Instructions = s.Instructions.Count,
            }).ToListAsync(ct);
        return rows.Select(r => new ItemFact(r.UnitId, r.SubmittedOn,
            r.Status == SubmissionStatus.Adopted ? r.Levels : Array.Empty<AdoptionLevel>(), r.Instructions, r.Points)).ToList();
    }

    private IReadOnlyList<SubmissionRankKey> Keys =>
        options.Value.RankingKeys.Where(Enum.IsDefined).Distinct().DefaultIfEmpty(SubmissionRankKey.Points).ToList();

    public async Task<SubmissionReport> ReportAsync(Period period, int? chartUnitId = null, CancellationToken ct = default)
    {
        var previous = period.Previous();
        var facts = await FactsAsync(previous.Start < period.Start ? previous.Start : period.Start, period.End, ct);
        var units = await UnitsAsync(facts.Where(f => period.Contains(f.SubmittedOn)).ToList(), ct);
        var keys = Keys;
        return new SubmissionReport(period, SubmissionStatistics.Ranking(units, facts, period, keys),
            SubmissionStatistics.Monthly(facts, period, chartUnitId), units, keys);
    }

    /// <summary>The ranking of a period as a workbook (title, period, export time, ranks with 并列 and the change of rank).</summary>
    public byte[] RankingWorkbook(SubmissionReport report)
    {
        var columns = new List<ExcelColumn>
        {
            new("名次"), new("单位"), new("报送（条）", ExcelColumnKind.Integer), new("采用（条）", ExcelColumnKind.Integer),
        };
        columns.AddRange(SubmissionNames.Levels.Select(l => new ExcelColumn(l.ShortName() + "（条）", ExcelColumnKind.Integer)));
        columns.Add(new("领导批示（条）", ExcelColumnKind.Integer));
        columns.Add(new("采用率", ExcelColumnKind.Percent));
        columns.Add(new("得分", ExcelColumnKind.Decimal));
        columns.Add(new("上期名次"));
        columns.Add(new("名次变化"));
        var sheet = new ExcelSheet("排名", columns) { Title = "政务信息报送采用情况排名" };
        sheet.Subtitles.Add($"统计期间：{report.Period.Label}（{report.Period.Start:yyyy-MM-dd} 至 {report.Period.End:yyyy-MM-dd}，按报送日期统计）");
        sheet.Subtitles.Add($"名次依据：{report.RankLabel}，各项都相同的单位并列；名次变化只比较两期都有报送的单位（“新”为本期首次报送）");
        sheet.Subtitles.Add($"导出时间：{ShanghaiClock.Format(time.GetUtcNow().UtcDateTime)}");
        foreach (var r in report.Ranking)
        {
            var f = r.Figures;
            var values = new List<object?> { r.RankText, f.Unit.Name, f.Submitted, f.Adopted };
            values.AddRange(SubmissionNames.Levels.Select(l => (object?)f.ByLevel[l]));
            values.Add(f.Instructions);
            values.Add(f.AdoptionRate is decimal rate ? rate : "—");
            values.Add(f.Points);
            values.Add(r.PreviousRankText);
            values.Add(r.ChangeText);
            sheet.AddRow(values.ToArray());
        }
        return ExcelWriter.ToBytes(sheet);
    }
}
