using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>
/// The office's decisions on ties at a cut-off (名额临界并列): which tied units get the last places, with a reason.
/// Decisions are read by the calculator, so grades, candidates and the workbook follow them.
/// </summary>
public sealed class TieDecisionService(Portal.Data.PortalDbContext db, EvaluationService evaluation, AuditLog audit, CurrentUser me, TimeProvider time)
{
    /// <summary>The round and its results (published ones when locked), whose <see cref="RoundResults.Ties"/> list the ties.</summary>
    public async Task<(EvaluationRound Round, RoundResults Results)?> TiesAsync(int roundId) =>
        await evaluation.FindAsync(roundId) is { } round ? (round, await evaluation.ResultsAsync(round)) : null;

    public async Task<string> DecideAsync(int roundId, string? key, IReadOnlyCollection<int> granted, string? reason)
    {
        var round = await evaluation.FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.EnsureOpen();
        var results = await evaluation.ComputeAsync(round);
        var tie = results.Ties.FirstOrDefault(t => t.Key == key && t.NeedsDecision)
                  ?? throw new RuleException("该名额处已无需确定的并列（成绩可能已经变化），请刷新页面后查看。");
        var by = me.UserName ?? "system";
        var now = time.GetUtcNow().UtcDateTime;
        var before = $"{tie.Title}：{string.Join("、", tie.Units.Select(u => $"{u.UnitName}（{u.Points:0.##}）"))} 并列争 {tie.Places} 个名额";
        // An earlier decision that no longer fits the tie is retaken in place (one decision per cut-off).
        var decision = await db.Set<EvaluationTieDecision>().FirstOrDefaultAsync(d => d.RoundId == roundId && d.CutoffKey == tie.Key);
        if (decision is null) db.Add(decision = EvaluationTieDecision.Record(round, tie, granted, reason, by, now));
        else
        {
            before += $"；原决定（已不适用）：{await NamesAsync(decision.ToInfo().Granted)}，理由：{decision.Reason}";
            decision.Decide(round, tie, granted, reason, by, now);
        }
        var chosen = await NamesAsync(decision.ToInfo().Granted);
        audit.Add("并列名额.确定", nameof(EvaluationRound), round.Id.ToString(), before, $"确定：{chosen}；理由：{decision.Reason}");
        await db.SaveChangesAsync();
        return $"{tie.Title}：已确定 {chosen}。";
    }

    public async Task WithdrawAsync(int roundId, string? key)
    {
        var round = await evaluation.FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.EnsureOpen();
        var decision = await db.Set<EvaluationTieDecision>().FirstOrDefaultAsync(d => d.RoundId == roundId && d.CutoffKey == key)
                       ?? throw new RuleException("该决定不存在或已撤销。");
        db.Remove(decision);
        audit.Add("并列名额.撤销", nameof(EvaluationRound), round.Id.ToString(),
            before: $"{EvaluationCalculator.CutoffTitle(decision.CutoffKey, round)}：确定 {await NamesAsync(decision.ToInfo().Granted)}，理由：{decision.Reason}",
            after: "已撤销");
        await db.SaveChangesAsync();
    }

    private async Task<string> NamesAsync(IReadOnlyList<int> ids)
    {
        var names = await evaluation.UnitNamesAsync(ids);
        return string.Join("、", ids.Select(id => names.GetValueOrDefault(id, $"单位{id}")));
    }
}
