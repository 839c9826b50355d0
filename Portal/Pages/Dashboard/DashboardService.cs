using System.Text.Json;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Pages.Dashboard;

/// <summary>A chart as the page hands it to dashboard.js (JSON in a data-chart attribute: the CSP forbids inline scripts).</summary>
public sealed record ChartSpec(string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series,
    bool Stacked = false, bool Horizontal = false, bool Percent = false, IReadOnlyList<string>? Links = null, string? YTitle = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Data, string? Type = null, string? Axis = null);

/// <summary>One month of the trend; months after today have no values (null), not zeros.</summary>
public sealed record MonthTrend(string Month, int? Submitted, int? Adopted, decimal? CompletionRate, int? OverdueOpen);

public sealed record DashboardData(
    Period Period, RoundResults? Round, List<ResultRow> Top, List<ResultRow> Bottom,
    List<MonthTrend> Months, int Submitted, int Adopted, RateRow Supervision,
    List<(string Unit, int UnitId, int Overdue)> OverdueByUnit,
    ChartSpec? Ranking, ChartSpec? Breakdown, ChartSpec Trend, ChartSpec Rates);

public sealed record LeaderSummary(Period Period, int Submitted, int Adopted, RateRow Supervision, string? RoundName, List<ResultRow> Top, List<ResultRow> Bottom);

public sealed record UnitDrill(
    Period Period, int UnitId, string UnitName, ResultRow? Result, RoundResults? Round,
    RankingRow? Information, Ranked<(Data.Unit Unit, RateRow Row)>? Supervision, ChartSpec Trend);

/// <summary>
/// The leaders' dashboard (领导看板): reads the evaluation round of the period and the modules' own statistics services;
/// it computes no rate or score itself.
/// </summary>
public sealed class DashboardService(EvaluationService evaluation, SubmissionReports submissions, SupervisionStatisticsService supervision, TimeProvider time)
{
    public const int TopCount = 5;
    private const int MaxTrendMonths = 24;

    public async Task<DashboardData> BuildAsync(Period period, string? linkQuery)
    {
        var roundId = await evaluation.RoundForAsync(period.Start, period.End);
        var round = roundId is int id ? await evaluation.ResultsAsync(id) : null;
        var ranked = round?.Rows.Where(r => r.Rank is not null).ToList() ?? new();
        var top = ranked.Take(TopCount).ToList();
        var bottom = ranked.Count > TopCount ? ranked.AsEnumerable().Reverse().Take(Math.Min(TopCount, ranked.Count - TopCount)).ToList() : new();

        var info = await submissions.ReportAsync(period);
        var sup = await supervision.ComputeAsync(period);
        var today = Infrastructure.ShanghaiClock.Today(time);
        var months = new List<MonthTrend>();
        for (var i = 0; i < info.Monthly.Months.Count && i < MaxTrendMonths; i++)
        {
            var label = info.Monthly.Months[i];
            var m = ParseMonth(label, period.Start.AddMonths(i));
            if (m > today) { months.Add(new MonthTrend($"{m:yyyy-MM}", null, null, null, null)); continue; }
            // The month's completion rate is the supervision module's own rate for that month.
            var monthRates = (await supervision.ComputeAsync(Period.Month(m.Year, m.Month))).Overall;
            var supMonth = sup.Months.FirstOrDefault(x => x.Month == $"{m:yyyy-MM}");
            months.Add(new MonthTrend($"{m:yyyy-MM}", info.Monthly.Submitted[i], info.Monthly.Adopted[i],
                Rate.Percent(monthRates.CompletionRate), supMonth?.OverdueOpen ?? 0));
        }

        ChartSpec? ranking = null, breakdown = null;
        if (round is not null && round.Rows.Count > 0)
        {
            var rows = round.Rows.Where(r => r.Rank is not null).ToList();
            var labels = rows.Select(r => $"{r.RankText}. {r.UnitName}{(r.ChangeText is "" or "—" ? "" : " " + r.ChangeText)}").ToList();
            var links = rows.Select(r => $"/Dashboard/Unit?id={r.UnitId}&{linkQuery}").ToList();
            ranking = new ChartSpec("bar", labels, new[] { new ChartSeries("总分", rows.Select(r => (decimal?)r.Total).ToList()) },
                Horizontal: true, Links: links, YTitle: "分");
            breakdown = new ChartSpec("bar", rows.Select(r => r.UnitName).ToList(),
                round.Components.Select(c => new ChartSeries($"{c.Name}（{c.Max:0.##}）", rows.Select(r => r.PointsOf(c.Id) ?? 0).Select(x => (decimal?)x).ToList())).ToList(),
                Stacked: true, Links: links, YTitle: "分");
        }
        var mlabels = months.Select(m => m.Month).ToList();
        var trend = new ChartSpec("bar", mlabels, new[]
        {
            new ChartSeries("报送（条）", months.Select(m => (decimal?)m.Submitted).ToList()),
            new ChartSeries("采用（条）", months.Select(m => (decimal?)m.Adopted).ToList()),
            new ChartSeries("逾期未办结（件，右轴）", months.Select(m => (decimal?)m.OverdueOpen).ToList(), "line"),
        });
        var rates = new ChartSpec("line", mlabels, new[]
        {
            new ChartSeries("督办办结率（%）", months.Select(m => m.CompletionRate).ToList()),
        }, Percent: true);

        var overdue = sup.Units.Where(u => u.Item.Row.OverdueOpen > 0).OrderByDescending(u => u.Item.Row.OverdueOpen).ThenBy(u => u.Item.Unit.SortOrder)
            .Take(8).Select(u => (u.Item.Unit.Name, u.Item.Unit.Id, u.Item.Row.OverdueOpen)).ToList();
        var submitted = info.Ranking.Sum(r => r.Figures.Submitted);
        var adopted = info.Ranking.Sum(r => r.Figures.Adopted);
        return new DashboardData(period, round, top, bottom, months, submitted, adopted, sup.Overall, overdue, ranking, breakdown, trend, rates);
    }

    public async Task<UnitDrill?> UnitAsync(int unitId, Period period)
    {
        var info = await submissions.ReportAsync(period, unitId);
        var sup = await supervision.ComputeAsync(period);
        var supRow = sup.Units.FirstOrDefault(u => u.Item.Unit.Id == unitId);
        var infoRow = info.Ranking.FirstOrDefault(r => r.Figures.Unit.Id == unitId);
        var name = supRow?.Item.Unit.Name ?? infoRow?.Figures.Unit.Name;
        if (name is null) return null;
        var roundId = await evaluation.RoundForAsync(period.Start, period.End);
        var round = roundId is int id ? await evaluation.ResultsAsync(id) : null;
        var result = round?.Rows.FirstOrDefault(r => r.UnitId == unitId);
        var trend = new ChartSpec("bar", info.Monthly.Months.ToList(), new[]
        {
            new ChartSeries("报送（条）", info.Monthly.Submitted.Select(x => (decimal?)x).ToList()),
            new ChartSeries("采用（条）", info.Monthly.Adopted.Select(x => (decimal?)x).ToList()),
        });
        return new UnitDrill(period, unitId, name, result, round, infoRow, supRow, trend);
    }

    // The submissions module labels months "2026年1月"; the position in the period is the fallback.
    /// <summary>What a leader's home page shows: this year's key figures and the first and last units of the round.</summary>
    public async Task<LeaderSummary> SummaryAsync()
    {
        var period = Period.Year(Infrastructure.ShanghaiClock.Today(time).Year);
        var info = await submissions.ReportAsync(period);
        var sup = await supervision.ComputeAsync(period);
        var roundId = await evaluation.RoundForAsync(period.Start, period.End);
        var round = roundId is int id ? await evaluation.ResultsAsync(id) : null;
        var rows = round?.Rows.Where(r => r.Rank is not null).ToList() ?? new();
        return new LeaderSummary(period, info.Ranking.Sum(r => r.Figures.Submitted), info.Ranking.Sum(r => r.Figures.Adopted), sup.Overall,
            round?.RoundName, rows.Take(3).ToList(), rows.Count > 3 ? rows.AsEnumerable().Reverse().Take(Math.Min(3, rows.Count - 3)).ToList() : new());
    }

    private static DateOnly ParseMonth(string label, DateOnly fallback) =>
        DateOnly.TryParseExact(label + "-01", "yyyy-MM-dd", out var d) ? d : new DateOnly(fallback.Year, fallback.Month, 1);

}

public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddScoped<DashboardService>().AddScoped<LeaderBriefService>();
}
