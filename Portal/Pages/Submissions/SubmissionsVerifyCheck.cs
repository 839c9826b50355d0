using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Pages.Submissions;

/// <summary>
/// For the <c>verify</c> verb: stored points agree with the year's rule (a rule edited outside the portal would leave
/// them stale), adopted items have an adoption, and every attachment file is where its row says.
/// </summary>
public sealed class SubmissionsVerifyCheck(PortalDbContext db, ScoringService scoring, AttachmentStore attachments) : IVerifyCheck
{
    public string Name => "信息报送";

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        // Attachments a killed post left pending are put in order first: the post's own unfinished step, not a fault.
        await attachments.RecoverAsync((names, ct) => db.Set<Submission>().AsNoTracking()
            .Where(s => names.Contains(s.AttachmentStoredName!)).Select(s => s.AttachmentStoredName!).ToListAsync(ct));
        var problems = new List<string>();
        var items = await db.Set<Submission>().AsNoTracking().Include(s => s.Adoptions).Include(s => s.Instructions).AsSplitQuery().ToListAsync();
        var rules = new Dictionary<int, ScoringPoints>();
        var stale = 0;
        foreach (var s in items)
        {
            if (!rules.TryGetValue(s.SubmittedOn.Year, out var rule))
                rules[s.SubmittedOn.Year] = rule = await scoring.PointsForYearAsync(s.SubmittedOn.Year);
            if (ScoringCalculator.PointsFor(s, rule) != s.Points) stale++;
            if (s.Status == SubmissionStatus.Adopted && s.Adoptions.Count == 0) problems.Add($"信息 {s.Id} 状态为已采用，但没有采用记录");
            if (s.Status != SubmissionStatus.Adopted && s.Adoptions.Count > 0) problems.Add($"信息 {s.Id} 有采用记录，但状态为{s.Status.Display()}");
            if (s.AttachmentStoredName is string stored)
            {
                await using var file = attachments.Open(stored);
                if (file is null) problems.Add($"信息 {s.Id} 的附件文件 {stored} 不存在");
            }
        }
        if (stale > 0) problems.Add($"{stale} 条信息的得分与当年计分规则不一致（在计分规则页重新保存该年度即可重算）");
        return problems;
    }
}
