using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

public sealed record RecommenderRow(int UnitId, string UnitName, bool Participates, List<string> Recommended);

public sealed record ReceivedRow(int UnitId, string UnitName, int Votes, decimal? Points);

public sealed record RecommendationSheet(
    EvaluationRound Round, List<RecommenderRow> Recommenders, List<ReceivedRow> Received, List<UnitInfo> Candidates,
    ComponentInfo? Component);

/// <summary>Peer recommendations (推荐意见) of a round: who recommended whom, and what each unit received.</summary>
public sealed class RecommendationService(PortalDbContext db, EvaluationService evaluation, AuditLog audit)
{
    public async Task<RecommendationSheet?> SheetAsync(int roundId)
    {
        var round = await evaluation.FindAsync(roundId);
        if (round is null) return null;
        var units = await db.Units.AsNoTracking().Where(u => round.Participants.Select(p => p.UnitId).Contains(u.Id))
            .OrderBy(u => u.SortOrder).Select(u => new UnitInfo(u.Id, u.Name, u.Kind, u.SortOrder)).ToListAsync();
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var participating = round.Participants.Where(p => p.Participates).Select(p => p.UnitId).ToHashSet();
        var pairs = await PairsAsync(roundId);
        var recommenders = units.Select(u => new RecommenderRow(u.Id, u.Name, participating.Contains(u.Id),
            pairs.Where(p => p.From == u.Id).Select(p => names.GetValueOrDefault(p.To, $"单位{p.To}")).ToList())).ToList();

        var results = await evaluation.ResultsAsync(round);
        var component = results.Components.FirstOrDefault(c => c.Method == FillMethod.Recommendations);
        var received = RecommendationRules.Received(pairs.Select(p => (p.From, p.To)), names.Keys.ToHashSet(), participating);
        var rows = units.Where(u => participating.Contains(u.Id))
            .Select(u => new ReceivedRow(u.Id, u.Name, received.GetValueOrDefault(u.Id),
                component is null ? null : results.Rows.FirstOrDefault(r => r.UnitId == u.Id)?.PointsOf(component.Id)))
            .OrderByDescending(r => r.Votes).ToList();
        return new RecommendationSheet(round, recommenders, rows, units.Where(u => participating.Contains(u.Id)).ToList(), component);
    }

    public async Task<List<int>> ChosenAsync(int roundId, int from) =>
        await db.Set<PeerRecommendation>().AsNoTracking().Where(r => r.RoundId == roundId && r.FromUnitId == from).Select(r => r.ToUnitId).ToListAsync();

    /// <summary>Replaces what <paramref name="from"/> recommended; on any error nothing is saved and the messages are returned.</summary>
    public async Task<List<string>> SaveAsync(int roundId, int from, IReadOnlyCollection<int> to)
    {
        var round = await evaluation.FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.EnsureOpen();
        var inRound = round.Participants.Select(p => p.UnitId).ToHashSet();
        var participating = round.Participants.Where(p => p.Participates).Select(p => p.UnitId).ToHashSet();
        var names = await evaluation.UnitNamesAsync(inRound.Concat(to));
        string Name(int id) => names.GetValueOrDefault(id, $"单位{id}");
        var errors = RecommendationRules.Validate(from, to, inRound, participating, round.RecommendationLimit, Name);
        if (errors.Count > 0) return errors;

        var chosen = to.Distinct().ToHashSet();
        var existing = await db.Set<PeerRecommendation>().Where(r => r.RoundId == roundId && r.FromUnitId == from).ToListAsync();
        var before = existing.Select(r => r.ToUnitId).ToHashSet();
        if (before.SetEquals(chosen)) return errors;
        db.RemoveRange(existing.Where(r => !chosen.Contains(r.ToUnitId)));
        foreach (var id in chosen.Where(id => !before.Contains(id))) db.Add(PeerRecommendation.Record(round, from, id));
        audit.Add("推荐意见.录入", nameof(EvaluationRound), round.Id.ToString(),
            before: $"{Name(from)} 推荐：{List(before, Name)}", after: $"{Name(from)} 推荐：{List(chosen, Name)}");
        await db.SaveChangesAsync();
        return errors;
    }

    private static string List(IEnumerable<int> ids, Func<int, string> name)
    {
        var text = string.Join("、", ids.Select(name));
        return text == "" ? "无" : text;
    }

    private async Task<List<(int From, int To)>> PairsAsync(int roundId) =>
        (await db.Set<PeerRecommendation>().AsNoTracking().Where(r => r.RoundId == roundId).OrderBy(r => r.Id)
            .Select(r => new { r.FromUnitId, r.ToUnitId }).ToListAsync()).Select(r => (r.FromUnitId, r.ToUnitId)).ToList();
}
