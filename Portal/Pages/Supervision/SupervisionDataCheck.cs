using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Pages.Supervision;

/// <summary>
/// The <c>verify</c> verb's supervision checks: states the entity would never produce (rows edited by hand or
/// restored from an old backup) and attachments whose file is missing from the data directory.
/// </summary>
public sealed class SupervisionDataCheck(PortalDbContext db, AttachmentStore attachments) : IVerifyCheck
{
    public string Name => "督查督办";

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        // Attachments a killed report left pending are put in order first: the report's own unfinished step, not a fault.
        await attachments.RecoverAsync((names, ct) => db.Set<ProgressReport>().AsNoTracking()
            .Where(r => names.Contains(r.AttachmentStoredName!)).Select(r => r.AttachmentStoredName!).ToListAsync(ct));
        var problems = new List<string>();
        var tasks = db.Set<SupervisionTask>().AsNoTracking();
        foreach (var code in await tasks.Where(t => t.Deadline < t.OriginalDeadline || t.OriginalDeadline < t.AssignedOn).Select(t => t.Code).ToListAsync())
            problems.Add($"督办事项 {code} 的期限早于原定期限或交办日期");
        foreach (var code in await tasks.Where(t => (t.Status == SupervisionStatus.Closed) != (t.ClosedOn != null)).Select(t => t.Code).ToListAsync())
            problems.Add($"督办事项 {code} 的办结状态与办结日期不一致");
        var stored = await db.Set<ProgressReport>().AsNoTracking().Where(r => r.AttachmentStoredName != null)
            .Select(r => new { r.Id, r.TaskId, r.AttachmentStoredName }).ToListAsync();
        foreach (var r in stored.Where(r => attachments.PathOf(r.AttachmentStoredName!) is null))
            problems.Add($"进展报送 {r.Id}（事项 {r.TaskId}）的附件文件 {r.AttachmentStoredName} 不存在");
        return problems;
    }
}
