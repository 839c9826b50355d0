using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library;

/// <summary>
/// Who may read which document: public documents are for every signed-in user; a restricted document
/// only for the units and roles granted on it, and for administrators.
/// </summary>
public static class DocumentAccess
{
    public static IQueryable<Document> VisibleTo(this IQueryable<Document> docs, CurrentUser user)
    {
        if (user.IsAdmin) return docs;
        var unit = user.UnitId;
        var roles = user.RolesOf().ToList();
        return docs.Where(d => d.Visibility == DocumentVisibility.Public
            || d.Grants.Any(g => (g.UnitId != null && g.UnitId == unit) || (g.Role != null && roles.Contains(g.Role))));
    }
}
