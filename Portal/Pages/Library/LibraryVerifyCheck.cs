using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Pages.Library.Import;

namespace Portal.Pages.Library;

/// <summary>
/// The library's links have no database foreign keys (see <see cref="DocumentLibraryConfiguration"/>), so the
/// verify verb checks them: documents pointing to a missing file record or original, duplicates of missing documents.
/// Originals left pending by an interrupted import are put in order first (<see cref="UploadRecovery"/>): that is
/// the import's own unfinished step, not a fault.
/// </summary>
public sealed class LibraryVerifyCheck(PortalDbContext db, UploadStore store, UploadRecovery recovery) : IVerifyCheck
{
    public string Name => "文档库";

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        await recovery.RunAsync();
        var problems = new List<string>();
        var orphanSource = await db.Documents.CountAsync(d => d.SourceFileId != null && !db.SourceFiles.Any(f => f.Id == d.SourceFileId));
        if (orphanSource > 0) problems.Add($"{orphanSource} 篇文档指向不存在的原文件记录");
        var orphanDuplicate = await db.Documents.CountAsync(d => d.DuplicateOfId != null && !db.Documents.Any(o => o.Id == d.DuplicateOfId));
        if (orphanDuplicate > 0) problems.Add($"{orphanDuplicate} 篇文档标记为重复，但被重复的文档已不存在");
        var missing = (await db.SourceFiles.AsNoTracking().Select(f => f.StoredName).ToListAsync())
            .Count(name => !File.Exists(store.PathOf(name)));
        if (missing > 0) problems.Add($"{missing} 个原文件在上传目录中缺失");
        return problems;
    }
}
