using Portal.Data;
using Portal.Excel;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Pages.Dashboard;

/// <summary>A key figure of the brief: its name, its value as printed, and its definition in one line.</summary>
public sealed record BriefFigure(string Name, string Value, string Definition);

/// <summary>
/// 领导简报: one A4 page for a period — the key figures, the top and bottom units of the evaluation round, overdue tasks
/// by unit and adoptions by level, each with its definition. It reads the dashboard's figures; it computes no rate itself.
/// </summary>
public sealed record LeaderBrief(
    Period Period, IReadOnlyList<BriefFigure> Figures, string? RoundName, IReadOnlyList<ResultRow> Top, IReadOnlyList<ResultRow> Bottom,
    IReadOnlyList<(string Unit, int Overdue)> OverdueByUnit, IReadOnlyList<(string Level, int Count)> AdoptionsByLevel)
{
    public const string RankingDefinition = "考评总分由高到低排名，得分相同并列；取前 5 名和后 5 名。";
    public const string OverdueDefinition = "交办日期在统计期间内、至今未办结且已过当前期限（含延期后期限）的事项，按牵头单位统计。";
    public const string LevelsDefinition = "统计期间内报送、已被采用的信息按采用等次计数；一条信息被多级采用的，每级各计一次。";

    public static string Definition(string name) => SupervisionRates.Definitions.Single(d => d.Name == name).Definition;
}

public sealed class LeaderBriefService(DashboardService dashboard, SubmissionReports submissions, TimeProvider time)
{
    public async Task<LeaderBrief> BuildAsync(Period period)
    {
        var d = await dashboard.BuildAsync(period, null);
        var report = await submissions.ReportAsync(period);
        var figures = new List<BriefFigure>
        {
            new("报送信息", $"{d.Submitted} 条", "报送日期在统计期间内的信息条数（各单位合计）。"),
            new("采用信息", $"{d.Adopted} 条", "其中已被市办、省办或国办采用的信息条数。"),
            new("信息采用率", Rate.Format(Rate.Of(d.Adopted, d.Submitted)), "采用信息 ÷ 报送信息。"),
            new("督办交办", $"{d.Supervision.Assigned} 件", LeaderBrief.Definition("交办数")),
            new("督办办结率", Rate.Format(d.Supervision.CompletionRate), LeaderBrief.Definition("办结率")),
            new("按期办结率", Rate.Format(d.Supervision.OnTimeRate), LeaderBrief.Definition("按期办结率")),
            new("逾期未办结", $"{d.Supervision.OverdueOpen} 件", LeaderBrief.Definition("逾期未办结")),
        };
        var levels = SubmissionNames.Levels.Select(l => (l.Display(), report.Ranking.Sum(r => r.Figures.ByLevel[l]))).ToList();
        return new LeaderBrief(period, figures, d.Round?.RoundName, d.Top, d.Bottom,
            d.OverdueByUnit.Select(o => (o.Unit, o.Overdue)).ToList(), levels);
    }

    /// <summary>The brief's data as a workbook: one sheet, one section after another, each line with its definition.</summary>
    public byte[] Workbook(LeaderBrief b)
    {
        var sheet = new ExcelSheet("领导简报", new ExcelColumn[] { new("项目", Width: 22), new("数值", Width: 22), new("口径", Width: 70) })
            { Title = "领导简报", AutoFilter = false };
        sheet.Subtitles.Add($"统计期间：{b.Period.Label}（{b.Period.Start:yyyy-MM-dd} 至 {b.Period.End:yyyy-MM-dd}）");
        sheet.Subtitles.Add($"导出时间：{Infrastructure.ShanghaiClock.Format(time.GetUtcNow().UtcDateTime)}");
        foreach (var f in b.Figures) sheet.AddRow(f.Name, f.Value, f.Definition);
        foreach (var r in b.Top) sheet.AddRow($"考评靠前：{r.RankText}", $"{r.UnitName} {Points.Text(r.Total)}", LeaderBrief.RankingDefinition);
        foreach (var r in b.Bottom) sheet.AddRow($"考评靠后：{r.RankText}", $"{r.UnitName} {Points.Text(r.Total)}", LeaderBrief.RankingDefinition);
        foreach (var (unit, n) in b.OverdueByUnit) sheet.AddRow($"逾期未办结：{unit}", $"{n} 件", LeaderBrief.OverdueDefinition);
        foreach (var (level, n) in b.AdoptionsByLevel) sheet.AddRow($"采用：{level}", $"{n} 条", LeaderBrief.LevelsDefinition);
        return ExcelWriter.ToBytes(sheet);
    }
}
