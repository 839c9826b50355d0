using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>The units a scheme can name, and how many values are entered per component (shown beside each component).</summary>
public sealed record SchemeContext(EvaluationRound Round, List<Unit> Units, Dictionary<int, int> EnteredCounts);

/// <summary>
/// A round's scheme (考评方案): components, grades, 先进集体 quotas, the recommendation limit and the units taking part.
/// Results are computed from the scheme whenever they are read, so a saved change shows in the results at once.
/// </summary>
public sealed class SchemeService(PortalDbContext db, EvaluationService evaluation, AuditLog audit)
{
    public async Task<SchemeContext?> ContextAsync(int roundId)
    {
        var round = await evaluation.FindAsync(roundId);
        if (round is null) return null;
        var entered = (await EnteredAsync(roundId)).ToDictionary(kv => kv.Key, kv => kv.Value.Count);
        return new SchemeContext(round, await UnitsAsync(round), entered);
    }

    /// <summary>
    /// Saves the scheme. Every line is checked first; when anything is wrong nothing is saved and the messages (in
    /// Chinese) are returned. A locked round throws <see cref="RuleException"/>.
    /// </summary>
    public async Task<List<string>> SaveAsync(int roundId, SchemeForm form)
    {
        var round = await evaluation.FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.EnsureOpen();
        var names = (await UnitsAsync(round)).ToDictionary(u => u.Id, u => u.Name);
        var (draft, errors) = SchemeRules.Read(form, names);
        if (draft is null) return errors;
        var recommendations = await db.Set<PeerRecommendation>().AsNoTracking().Where(r => r.RoundId == roundId)
            .GroupBy(r => r.FromUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        errors = SchemeRules.CheckAgainstData(draft, round, new SchemeData(await EnteredAsync(roundId), recommendations, names));
        if (errors.Count > 0) return errors;

        var before = SchemeRules.Describe(round, names);
        round.ApplyScheme(draft);
        var after = SchemeRules.Describe(round, names);
        if (after == before) return errors;
        audit.Add("考评方案.修改", nameof(EvaluationRound), round.Id.ToString(), before, after);
        await db.SaveChangesAsync();
        return errors;
    }

    /// <summary>Active units, and any unit already in the round (a unit deactivated since stays visible).</summary>
    private Task<List<Unit>> UnitsAsync(EvaluationRound round)
    {
        var inRound = round.Participants.Select(p => p.UnitId).ToList();
        return db.Units.AsNoTracking().Where(u => u.IsActive || inRound.Contains(u.Id)).OrderBy(u => u.SortOrder).ToListAsync();
    }

    private async Task<IReadOnlyDictionary<int, (int Count, decimal Max)>> EnteredAsync(int roundId) =>
        // SQLite cannot aggregate decimals in SQL; a round has at most a few hundred values.
        (await db.Set<EvaluationScore>().AsNoTracking().Where(s => s.RoundId == roundId).Select(s => new { s.ComponentId, s.Value }).ToListAsync())
            .GroupBy(s => s.ComponentId).ToDictionary(g => g.Key, g => (g.Count(), g.Max(s => s.Value)));
}
