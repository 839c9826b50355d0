using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Statistics;

namespace Portal.Pages.Supervision;

/// <summary>Rates per unit and overall for any period, with their definitions and charts; staff, leaders and administrators read it.</summary>
public class StatisticsModel(SupervisionStatisticsService statistics, SupervisionExcel excel, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public RankBy By { get; set; }

    public string? Error { get; private set; }
    public SupervisionStatistics? Result { get; private set; }

    public async Task OnGetAsync()
    {
        Kind ??= "year";
        Year ??= Infrastructure.ShanghaiClock.Today(time).Year;
        var period = Period.TryParse(Kind, Year, Number, From, To, out var error);
        if (period is null) { Error = error; return; }
        Result = await statistics.ComputeAsync(period, By);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await OnGetAsync();
        if (Result is null) return Page();
        return File(excel.Statistics(Result), Excel.ExcelWriter.ContentType, SupervisionExcel.FileName("督办统计", time));
    }

    public string QueryString => Request.QueryString.Value?.TrimStart('?') ?? "";

    public string CompletionChart => Chart("bar", Result!.Units.Select(u => u.Item.Unit.ShortName ?? u.Item.Unit.Name),
        new { label = "办结率", data = Result.Units.Select(u => Rate.Percent(u.Item.Row.CompletionRate)) },
        new { label = "按期办结率", data = Result.Units.Select(u => Rate.Percent(u.Item.Row.OnTimeRate)) }, percent: true);

    public string StatusChart => Chart("doughnut", Result!.Statuses.Select(s => s.Name),
        new { label = "事项数", data = Result.Statuses.Select(s => s.Count) });

    public string TrendChart => Chart("bar", Result!.Months.Select(m => $"{m.Month:yyyy-MM}"),
        new { label = "交办", data = Result.Months.Select(m => m.Assigned) },
        new { label = "办结（按办结月份）", data = Result.Months.Select(m => m.Closed) },
        new { label = "逾期未办结（按交办月份）", data = Result.Months.Select(m => m.OverdueOpen), type = "line" });

    private static string Chart(string type, IEnumerable<string> labels, object series, object? series2 = null, object? series3 = null, bool percent = false) =>
        JsonSerializer.Serialize(new
        {
            type, percent, labels,
            series = new[] { series, series2, series3 }.Where(s => s is not null),
        });
}
