using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Statistics;

namespace Portal.Pages.Standing;

/// <summary>A unit's place in a published ranking: its name and rank only.</summary>
public sealed record PublishedRank(string UnitName, string RankText, bool Mine);

/// <summary>The last published evaluation result of the unit (a locked round), or null when none includes it.</summary>
public sealed record EvaluationStanding(string RoundName, decimal Total, decimal MaxTotal, string RankText, string Grade, int Participants);

public sealed record UnitStanding(
    Period Period, int UnitId, string UnitName,
    RankingRow? Information, int InformationUnits, string InformationRule,
    Ranked<(Data.Unit Unit, RateRow Row)>? Supervision, string SupervisionRule, List<LedgerRow> OverdueTasks,
    EvaluationStanding? Evaluation,
    List<PublishedRank>? SubmissionRanks, List<PublishedRank>? SupervisionRanks);

/// <summary>
/// A liaison's own unit's standing (本单位统计): the modules' own statistics for the period, cut down to that unit, so the
/// figures are the ones staff and leaders see. Other units appear only in rankings staff publish, and then by rank alone.
/// </summary>
public sealed class UnitStandingService(
    PortalDbContext db, CurrentUser me, SubmissionReports submissions, SupervisionStatisticsService supervision, SupervisionService tasks,
    EvaluationService evaluation, AuditLog audit, TimeProvider time)
{
    /// <summary>The rankings published for <paramref name="year"/>.</summary>
    public async Task<HashSet<PublishedRanking>> PublishedAsync(int year) =>
        (await db.Set<RankingPublication>().AsNoTracking().Where(p => p.Year == year).Select(p => p.Ranking).ToListAsync()).ToHashSet();

    /// <summary>Staff publish or withdraw a year's ranking (recorded in the audit log).</summary>
    public async Task SetPublishedAsync(PublishedRanking ranking, int year, bool published)
    {
        if (!me.IsStaff) throw RuleException.Forbidden();
        if (!Enum.IsDefined(ranking) || year is < 2000 or > 2100) throw new RuleException("排名或年度无效。");
        var existing = await db.Set<RankingPublication>().FirstOrDefaultAsync(p => p.Ranking == ranking && p.Year == year);
        if (published == existing is not null) return;
        if (published) db.Add(new RankingPublication(ranking, year, me.UserName ?? "", time.GetUtcNow().UtcDateTime));
        else db.Remove(existing!);
        audit.Add(published ? "ranking.publish" : "ranking.withdraw", nameof(RankingPublication), $"{ranking}:{year}");
        await db.SaveChangesAsync();
    }

    public async Task<UnitStanding?> MineAsync(Period period)
    {
        if (me.UnitId is not int unitId) return null;
        var info = await submissions.ReportAsync(period);
        var sup = supervision.Compute(await supervision.FactsAsync(), period);
        var infoRow = info.Ranking.FirstOrDefault(r => r.Figures.Unit.Id == unitId);
        var supRow = sup.Units.FirstOrDefault(u => u.Item.Unit.Id == unitId);
        var name = supRow?.Item.Unit.Name ?? infoRow?.Figures.Unit.Name;
        if (name is null) return null;
        var overdue = (await tasks.LedgerAsync(new LedgerFilter(Warning: WarningLevel.Red, UnitId: unitId, From: period.Start, To: period.End, LeadOnly: true)))
            .OrderBy(r => r.Task.Deadline).ToList();
        var published = period.Kind == PeriodKind.Year ? await PublishedAsync(period.Start.Year) : new HashSet<PublishedRanking>();
        return new UnitStanding(period, unitId, name,
            infoRow, info.Ranking.Count, info.RankLabel,
            supRow, SupervisionRates.Label(sup.RankKeys), overdue,
            await LastPublishedAsync(unitId),
            published.Contains(PublishedRanking.Submissions) ? info.Ranking.Where(r => r.Rank is not null).Select(r => new PublishedRank(r.Figures.Unit.Name, r.RankText, r.Figures.Unit.Id == unitId)).ToList() : null,
            published.Contains(PublishedRanking.Supervision) ? sup.Units.Where(r => r.Rank is not null).Select(r => new PublishedRank(r.Item.Unit.Name, r.RankText, r.Item.Unit.Id == unitId)).ToList() : null);
    }

    private async Task<EvaluationStanding?> LastPublishedAsync(int unitId)
    {
        foreach (var round in (await evaluation.RoundsAsync()).Where(r => r.IsLocked))
        {
            var results = await evaluation.ResultsAsync(round.Id);
            if (results?.Rows.FirstOrDefault(r => r.UnitId == unitId) is { } row)
                return new EvaluationStanding(results.RoundName, row.Total, results.MaxTotal, row.RankText, row.Grade, results.Participating);
        }
        return null;
    }
}

public static class StandingSetup
{
    public static IServiceCollection AddStanding(this IServiceCollection services)
    {
        return services.AddScoped<UnitStandingService>();
    }
}
