using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Pages.Evaluation;

/// <summary>
/// Reads the other modules' per-unit figures for a period through their own statistics services (read-only):
/// their formulas stay theirs, the evaluation only scales the results.
/// </summary>
public sealed class EvaluationModules(SupervisionStatisticsService supervision, SubmissionReports submissions)
{
    public async Task<ModuleFigures> FiguresAsync(DateOnly start, DateOnly end)
    {
        var period = Period.Custom(start, end);
        var sup = await supervision.ComputeAsync(period);
        var rates = sup.Units.ToDictionary(r => r.Item.Unit.Id, r => (r.Item.Row.CompletionRate, r.Item.Row.OnTimeRate));
        return new ModuleFigures(await InformationPointsAsync(period), rates);
    }

    /// <summary>Each unit's information points (信息积分) in the period, as the submissions module scores them.</summary>
    public async Task<IReadOnlyDictionary<int, decimal>> InformationPointsAsync(Period period)
    {
        var report = await submissions.ReportAsync(period);
        return report.Ranking.ToDictionary(r => r.Figures.Unit.Id, r => r.Figures.Points);
    }
}
