using System.Text.Json;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Pages.Dashboard;

/// <summary>A chart as the page hands it to dashboard.js (JSON in a data-chart attribute: the CSP forbids inline scripts).</summary>
public sealed record ChartSpec(string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series,
    bool Stacked = false, bool Horizontal = false, bool Percent = false, IReadOnlyList<string>? Links = null, string? YTitle = null,
    bool Counts = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>A series; <see cref="Links"/>, when given, is the list behind each of its points (a click opens it).</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Data, string? Type = null, string? Axis = null, IReadOnlyList<string>? Links = null);

/// <summary>One month of the trend; months after today have no values (null), not zeros.</summary>
public sealed record MonthTrend(string Month, int? Submitted, int? Adopted, decimal? CompletionRate, int? OverdueOpen);

/// <summary>Where each figure of the dashboard leads: the list behind it.</summary>
public sealed record FigureLinks(string Submitted, string Adopted, string Completion, string Overdue);

public sealed record DashboardData(
    Period Period, RoundResults? Round, IReadOnlyList<RoundOption> Rounds, List<ResultRow> Top, List<ResultRow> Bottom,
    List<MonthTrend> Months, int Submitted, int Adopted, RateRow Supervision, FigureLinks Links,
    List<(string Unit, int UnitId, int Overdue)> OverdueByUnit,
    ChartSpec? Ranking, ChartSpec? Breakdown, ChartSpec Trend, ChartSpec Rates);

public sealed record LeaderSummary(Period Period, int Submitted, int Adopted, RateRow Supervision, FigureLinks Links, string? RoundName, List<ResultRow> Top, List<ResultRow> Bottom);

public sealed record UnitDrill(
    Period Period, int UnitId, string UnitName, ResultRow? Result, RoundResults? Round,
    RankingRow? Information, Ranked<(Data.Unit Unit, RateRow Row)>? Supervision, ChartSpec Trend);

/// <summary>
/// The leaders' dashboard (领导看板): reads the evaluation round of the period and the modules' own statistics; it
/// computes no rate or score itself. The supervision tasks are read once per request: the months come from the same facts.
/// </summary>
public sealed class DashboardService(EvaluationService evaluation, SubmissionReports submissions, SupervisionStatisticsService supervision, TimeProvider time)
{
    public const int TopCount = 5;
    private const int MaxTrendMonths = 24;

    public async Task<DashboardData> BuildAsync(Period period, string? linkQuery, int? roundId = null)
    {
        var options = await evaluation.RoundOptionsAsync();
        var round = await RoundAsync(options, period, roundId);
        var ranked = round?.Rows.Where(r => r.Rank is not null).ToList() ?? new();
        var top = ranked.Take(TopCount).ToList();
        var bottom = ranked.Count > TopCount ? ranked.AsEnumerable().Reverse().Take(Math.Min(TopCount, ranked.Count - TopCount)).ToList() : new();

        var info = await submissions.ReportAsync(period);
        var sup = supervision.Compute(await supervision.FactsAsync(), period);
        var months = new List<MonthTrend>();
        for (var i = 0; i < sup.Months.Count && i < MaxTrendMonths; i++)
        {
            var m = sup.Months[i];
            months.Add(m.Assigned is null
                ? new MonthTrend($"{m.Month:yyyy-MM}", null, null, null, null)
                : new MonthTrend($"{m.Month:yyyy-MM}", info.Monthly.Submitted.ElementAtOrDefault(i), info.Monthly.Adopted.ElementAtOrDefault(i),
                    Rate.Percent(m.CompletionRate), m.OverdueOpen));
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
        var monthLinks = sup.Months.Take(months.Count).Select(m => LinksFor(Period.Month(m.Month.Year, m.Month.Month))).ToList();
        var trend = new ChartSpec("bar", mlabels, new[]
        {
            new ChartSeries("报送（条）", months.Select(m => (decimal?)m.Submitted).ToList(), Links: monthLinks.Select(l => l.Submitted).ToList()),
            new ChartSeries("采用（条）", months.Select(m => (decimal?)m.Adopted).ToList(), Links: monthLinks.Select(l => l.Adopted).ToList()),
            new ChartSeries("逾期未办结（件，按交办月份，右轴）", months.Select(m => (decimal?)m.OverdueOpen).ToList(), "line", Links: monthLinks.Select(l => l.Overdue).ToList()),
        }, Counts: true);
        var rates = new ChartSpec("line", mlabels, new[]
        {
            new ChartSeries("督办办结率（%，只计月末前已到期的事项）", months.Select(m => m.CompletionRate).ToList(), Links: monthLinks.Select(l => l.Completion).ToList()),
        }, Percent: true);

        var overdue = sup.Units.Where(u => u.Item.Row.OverdueOpen > 0).OrderByDescending(u => u.Item.Row.OverdueOpen).ThenBy(u => u.Item.Unit.SortOrder)
            .Take(8).Select(u => (u.Item.Unit.Name, u.Item.Unit.Id, u.Item.Row.OverdueOpen)).ToList();
        var submitted = info.Ranking.Sum(r => r.Figures.Submitted);
        var adopted = info.Ranking.Sum(r => r.Figures.Adopted);
        return new DashboardData(period, round, RoundChoice.Offered(options, period), top, bottom, months, submitted, adopted, sup.Overall,
            LinksFor(period), overdue, ranking, breakdown, trend, rates);
    }

    /// <summary>The lists behind the figures: the ledger's overdue tasks of the period (by 交办日期, as the figure counts them), the items of the period.</summary>
    public static FigureLinks LinksFor(Period period)
    {
        var range = $"From={period.Start:yyyy-MM-dd}&To={period.End:yyyy-MM-dd}";
        var statistics = period.Kind switch
        {
            PeriodKind.Month => $"kind=month&year={period.Start.Year}&number={period.Start.Month}",
            PeriodKind.Quarter => $"kind=quarter&year={period.Start.Year}&number={(period.Start.Month - 1) / 3 + 1}",
            PeriodKind.Year => $"kind=year&year={period.Start.Year}",
            _ => $"kind=custom&from={period.Start:yyyy-MM-dd}&to={period.End:yyyy-MM-dd}",
        };
        return new FigureLinks($"/Submissions?{range}", $"/Submissions?Status=Adopted&{range}",
            $"/Supervision/Statistics?{statistics}", $"/Supervision?Warning=Red&{range}");
    }

    public async Task<UnitDrill?> UnitAsync(int unitId, Period period, int? roundId = null)
    {
        var info = await submissions.ReportAsync(period, unitId);
        var sup = supervision.Compute(await supervision.FactsAsync(), period);
        var supRow = sup.Units.FirstOrDefault(u => u.Item.Unit.Id == unitId);
        var infoRow = info.Ranking.FirstOrDefault(r => r.Figures.Unit.Id == unitId);
        var name = supRow?.Item.Unit.Name ?? infoRow?.Figures.Unit.Name;
        if (name is null) return null;
        var round = await RoundAsync(await evaluation.RoundOptionsAsync(), period, roundId);
        var result = round?.Rows.FirstOrDefault(r => r.UnitId == unitId);
        var trend = new ChartSpec("bar", info.Monthly.Months.ToList(), new[]
        {
            new ChartSeries("报送（条）", info.Monthly.Submitted.Select(x => (decimal?)x).ToList()),
            new ChartSeries("采用（条）", info.Monthly.Adopted.Select(x => (decimal?)x).ToList()),
        }, Counts: true);
        return new UnitDrill(period, unitId, name, result, round, infoRow, supRow, trend);
    }

    /// <summary>What a leader's home page shows: this year's key figures and the first and last units of the year's round.</summary>
    public async Task<LeaderSummary> SummaryAsync()
    {
        var period = Period.Year(Infrastructure.ShanghaiClock.Today(time).Year);
        var info = await submissions.ReportAsync(period);
        var sup = supervision.Compute(await supervision.FactsAsync(), period);
        var round = await RoundAsync(await evaluation.RoundOptionsAsync(), period, null);
        var rows = round?.Rows.Where(r => r.Rank is not null).ToList() ?? new();
        return new LeaderSummary(period, info.Ranking.Sum(r => r.Figures.Submitted), info.Ranking.Sum(r => r.Figures.Adopted), sup.Overall, LinksFor(period),
            round?.RoundName, rows.Take(3).ToList(), rows.Count > 3 ? rows.AsEnumerable().Reverse().Take(Math.Min(3, rows.Count - 3)).ToList() : new());
    }

    private async Task<RoundResults?> RoundAsync(IEnumerable<RoundOption> options, Period period, int? asked) =>
        RoundChoice.Choose(options, period, asked) is { } chosen ? await evaluation.ResultsAsync(chosen.Id) : null;
}

public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddScoped<DashboardService>();
}
