using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Identity;
using Portal.Indexing.Search;
using Portal.Pages.Search;

namespace Portal.Pages.Submissions;

/// <summary>
/// How an information item enters the portal's search: its own type, its unit and date, and the readers the
/// submissions module itself allows (<see cref="SubmissionService.Visible"/>). The status is not part of the entry: a
/// review decision changes neither the text nor the readers, so only creating, editing and importing record a change.
/// </summary>
public sealed class SubmissionSearchSource(PortalDbContext db) : ISearchSource
{
    public const string DocType = "信息报送";

    /// <summary>
    /// The roles that see every unit's items in the module: staff (and administrators, who count as staff), and leaders,
    /// who read every unit's items behind their dashboard. Every status (returned ones too) is seen by the same readers.
    /// </summary>
    private static readonly string[] ReaderRoles = [Roles.Staff, Roles.Admin, Roles.Leader];

    public string Name => SearchChange.SubmissionSource;

    public static IReadOnlyList<string> Access(int unitId) =>
        ReaderRoles.Select(SearchAccess.RoleKey).Prepend(SearchAccess.UnitKey(unitId)).ToList();

    public async Task<IReadOnlyList<IndexDocument>> LoadAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Set<Submission>().AsNoTracking()
            .Where(s => EF.Parameter(ids).Contains(s.Id))
            .Select(s => new { s.Id, s.UnitId, Unit = s.Unit!.Name, s.Title, s.Body, s.SubmittedOn })
            .ToListAsync(ct);
        return rows.Select(s => new IndexDocument(new IndexKey(Name, s.Id), s.Title, s.Body, DocType, s.Unit, s.SubmittedOn, Access(s.UnitId)))
            .ToList();
    }

    public async IAsyncEnumerable<int> IdsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var id in db.Set<Submission>().AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
            yield return id;
    }

    public string Url(int id, string? q = null, string? back = null) => $"/Submissions/Details/{id}";
}
