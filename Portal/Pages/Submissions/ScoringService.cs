using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>The scoring rules per year and the points of items under them. Every change of points is audited.</summary>
public sealed class ScoringService(PortalDbContext db, AuditLog audit, CurrentUser user, TimeProvider time, IOptions<SubmissionOptions> options)
{
    /// <summary>The rule of <paramref name="year"/>, or the configured defaults when staff have not set one.</summary>
    public async Task<ScoringPoints> PointsForYearAsync(int year, CancellationToken ct = default)
    {
        var rule = await db.Set<ScoringRule>().Include(r => r.CategoryBonuses).FirstOrDefaultAsync(r => r.Year == year, ct);
        return rule?.Points ?? options.Value.DefaultPoints;
    }

    public Task<ScoringRule?> RuleAsync(int year, CancellationToken ct = default) =>
        db.Set<ScoringRule>().Include(r => r.CategoryBonuses).FirstOrDefaultAsync(r => r.Year == year, ct);

    /// <summary>Saves the rule of a year and recomputes the points of every item of that year. Returns how many items changed.</summary>
    public async Task<int> SaveRuleAsync(int year, ScoringPoints points, CancellationToken ct = default)
    {
        points.Validate();
        var now = time.GetUtcNow().UtcDateTime;
        var by = user.UserName ?? "system";
        var rule = await RuleAsync(year, ct);
        var before = rule?.Points.ToString() ?? "默认：" + options.Value.DefaultPoints;
        if (rule is null) db.Add(new ScoringRule(year, points, by, now));
        else rule.Apply(points, by, now);
        audit.Add("submission.rule", nameof(ScoringRule), year.ToString(), before, points.ToString());

        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var items = await db.Set<Submission>().Include(s => s.Adoptions).Include(s => s.Instructions)
            .Where(s => s.SubmittedOn >= start && s.SubmittedOn <= end).ToListAsync(ct);
        var changed = items.Count(s => Recompute(s, points));
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>Recomputes one item's points; audits the change (before → after). True when they changed.</summary>
    public bool Recompute(Submission s, ScoringPoints rule)
    {
        var before = s.Points;
        if (!s.SetPoints(ScoringCalculator.PointsFor(s, rule))) return false;
        audit.Add("submission.points", nameof(Submission), s.Id == 0 ? null : s.Id.ToString(), before.ToString("0.##"), s.Points.ToString("0.##"));
        return true;
    }

    public async Task<bool> RecomputeAsync(Submission s, CancellationToken ct = default) =>
        Recompute(s, await PointsForYearAsync(s.SubmittedOn.Year, ct));
}
