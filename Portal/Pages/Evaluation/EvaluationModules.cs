using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Pages.Evaluation;

/// <summary>
/// Reads the other modules' per-unit figures for a period through their own statistics services (read-only):
/// their formulas stay theirs, the evaluation only scales the results.
/// </summary>
public sealed class EvaluationModules(SupervisionStatisticsService supervision)
{
    public async Task<ModuleFigures> FiguresAsync(DateOnly start, DateOnly end)
    {
        var period = Period.Custom(start, end);
        var sup = await supervision.ComputeAsync(period);
        var rates = sup.Units.ToDictionary(r => r.Item.Unit.Id, r => (r.Item.Row.CompletionRate, r.Item.Row.OnTimeRate));
        return new ModuleFigures(await InformationPointsAsync(period), rates);
    }

    public Task<IReadOnlyDictionary<int, decimal>> InformationPointsAsync(Period period) =>
        Task.FromResult<IReadOnlyDictionary<int, decimal>>(new Dictionary<int, decimal>());
}
