using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>Statistics and ranking of a period (staff and leaders), with charts and the ranking in Excel.</summary>
public class StatisticsModel(SubmissionReports reports, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public PeriodInput Period { get; set; } = new();
    /// <summary>The unit whose months the chart shows (all units when empty).</summary>
    [BindProperty(SupportsGet = true)] public int? ChartUnit { get; set; }

    public SubmissionReport? Report { get; private set; }
    public string? PeriodError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var period = Period.Resolve(ShanghaiClock.Today(time), out var error);
        PeriodError = error;
        Report = await reports.ReportAsync(period, ChartUnit, ct);
        if (ChartUnit is int u && Report.Units.All(x => x.Id != u)) ChartUnit = null;
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var period = Period.Resolve(ShanghaiClock.Today(time), out _);
        var report = await reports.ReportAsync(period, null, ct);
        return File(reports.RankingWorkbook(report), Excel.ExcelWriter.ContentType, $"信息采用排名-{period.Label}.xlsx");
    }

    /// <summary>The charts' data, as a JSON data block read by submissions-charts.js (no inline script: CSP).</summary>
    public string ChartJson()
    {
        var r = Report!;
        var top = r.Ranking.Where(x => x.Figures.Points > 0).Take(20).ToList();
        return JsonSerializer.Serialize(new
        {
            months = r.Monthly.Months,
            submitted = r.Monthly.Submitted,
            adopted = r.Monthly.Adopted,
            ranking = new
            {
                units = top.Select(x => x.Figures.Unit.Name),
                points = top.Select(x => x.Figures.Points),
            },
        });
    }
}
