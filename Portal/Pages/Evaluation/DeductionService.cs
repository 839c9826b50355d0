using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>A round's deductions, and the units taking part (those a deduction can be recorded for).</summary>
public sealed record DeductionSheet(EvaluationRound Round, List<DeductionRow> Rows, List<UnitInfo> Units);

public sealed record DeductionRow(int Id, int UnitId, string UnitName, DateOnly? OccurredOn, string Reason, decimal Points, string? EnteredBy, DateTime EnteredAt);

/// <summary>A deduction as typed (points stay text so that "abc" gets a Chinese message).</summary>
public sealed class DeductionForm
{
    public int UnitId { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public string? Points { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Deductions (扣分) of a round: listed, added and removed, each change in the audit log.</summary>
public sealed class DeductionService(PortalDbContext db, EvaluationService evaluation, AuditLog audit, CurrentUser me, TimeProvider time)
{
    public async Task<DeductionSheet?> SheetAsync(int roundId)
    {
        if (await evaluation.FindAsync(roundId) is not { } round) return null;
        var rows = await db.Set<EvaluationDeduction>().AsNoTracking().Where(d => d.RoundId == roundId)
            .Join(db.Units, d => d.UnitId, u => u.Id, (d, u) => new { d, u.Name, u.SortOrder }).ToListAsync();
        var ids = round.Participants.Where(p => p.Participates).Select(p => p.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.SortOrder)
            .Select(u => new UnitInfo(u.Id, u.Name, u.Kind, u.SortOrder)).ToListAsync();
        return new DeductionSheet(round,
            rows.OrderBy(x => x.SortOrder).ThenBy(x => x.d.OccurredOn).ThenBy(x => x.d.Id)
                .Select(x => new DeductionRow(x.d.Id, x.d.UnitId, x.Name, x.d.OccurredOn, x.d.Reason, x.d.Points, x.d.EnteredBy, x.d.EnteredAt)).ToList(),
            units);
    }

    public async Task AddAsync(int roundId, DeductionForm form)
    {
        var round = await evaluation.FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.EnsureOpen();
        if (!round.Participants.Any(p => p.UnitId == form.UnitId && p.Participates)) throw new RuleException("所选单位不是本轮参评单位。");
        if (!decimal.TryParse(form.Points?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var points))
            throw new RuleException("扣分应填写数字。");
        var d = EvaluationDeduction.Record(round, form.UnitId, points, form.Reason, form.OccurredOn, me.UserName ?? "system", time.GetUtcNow().UtcDateTime);
        db.Add(d);
        audit.Add("考评扣分.录入", nameof(EvaluationRound), round.Id.ToString(), after: await DescribeAsync(d));
        await db.SaveChangesAsync();
    }

    public async Task<string> RemoveAsync(int roundId, int deductionId)
    {
        var round = await evaluation.FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.EnsureOpen();
        var d = await db.Set<EvaluationDeduction>().FirstOrDefaultAsync(x => x.Id == deductionId && x.RoundId == roundId)
                ?? throw new RuleException("该扣分记录不存在或已删除。");
        var text = await DescribeAsync(d);
        db.Remove(d);
        audit.Add("考评扣分.删除", nameof(EvaluationRound), round.Id.ToString(), before: text, after: "已删除");
        await db.SaveChangesAsync();
        return text;
    }

    private async Task<string> DescribeAsync(EvaluationDeduction d)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == d.UnitId).Select(u => u.Name).FirstOrDefaultAsync();
        return $"{unit ?? $"单位{d.UnitId}"}：−{d.Points:0.##}（{d.OccurredOn?.ToString("yyyy-MM-dd") ?? "日期未记录"}）{d.Reason}";
    }
}
