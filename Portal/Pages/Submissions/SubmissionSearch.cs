using Portal.Identity;
using Portal.Indexing.Search;
using Portal.Pages.Search;

namespace Portal.Pages.Submissions;

/// <summary>
/// How an information item enters the portal's search: its own type, its unit and date, and the readers the
/// submissions module itself allows (<see cref="SubmissionService.Visible"/>). The status is not part of the entry: a
/// review decision changes neither the text nor the readers, so only creating, editing and importing touch the index.
/// </summary>
public static class SubmissionSearch
{
    public const string DocType = "信息报送";

    /// <summary>
    /// The roles that see every unit's items in the module: staff, and administrators who count as staff. Leaders read
    /// the statistics only, never the items, so they are not among them. Every status (returned ones too) is seen by
    /// the same readers: the unit revises it and the staff returned it.
    /// </summary>
    private static readonly string[] OfficeRoles = { Roles.Staff, Roles.Admin };

    public static IReadOnlyList<string> Access(int unitId) =>
        OfficeRoles.Select(SearchAccess.RoleKey).Prepend(SearchAccess.UnitKey(unitId)).ToList();

    public static LegacyIndexDocument ToIndex(int id, int unitId, string? unitName, string title, string body, DateOnly submittedOn) =>
        new(SearchSources.SubmissionIndexId(id), title, body, DocType, unitName, submittedOn, Access(unitId));

    public static LegacyIndexDocument ToIndex(Submission s, string? unitName) =>
        ToIndex(s.Id, s.UnitId, s.Unit?.Name ?? unitName, s.Title, s.Body, s.SubmittedOn);
}
