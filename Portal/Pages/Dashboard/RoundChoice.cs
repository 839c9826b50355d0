using Portal.Pages.Evaluation;
using Portal.Statistics;

namespace Portal.Pages.Dashboard;

/// <summary>
/// Which evaluation round the dashboard and the leader's home page show for a period: the one asked for on the page if it
/// is offered, else the period's annual round (its period is the whole calendar year), else the latest round overlapping
/// the period. Only rounds with scores (entered, or published) are offered: a round just created, for any span, never
/// takes over from the scored one.
/// </summary>
public static class RoundChoice
{
    public static List<RoundOption> Offered(IEnumerable<RoundOption> rounds, Period period) =>
        rounds.Where(r => r.HasScores && r.PeriodStart <= period.End && r.PeriodEnd >= period.Start)
            .OrderByDescending(r => IsAnnualFor(r, period)).ThenByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Id)
            .ToList();

    public static RoundOption? Choose(IEnumerable<RoundOption> rounds, Period period, int? asked)
    {
        var offered = Offered(rounds, period);
        return offered.FirstOrDefault(r => r.Id == asked) ?? offered.FirstOrDefault();
    }

    /// <summary>The annual round of a period: it spans exactly the calendar year the period starts in.</summary>
    public static bool IsAnnualFor(RoundOption round, Period period) =>
        round.PeriodStart == new DateOnly(period.Start.Year, 1, 1) && round.PeriodEnd == new DateOnly(period.Start.Year, 12, 31);
}
