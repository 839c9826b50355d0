using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Pages.Admin;

/// <summary>The administrators' read models: units, users with their roles.</summary>
public sealed class AdminQueries(PortalDbContext db)
{
    public record UnitRow(int Id, string Name, string Kind, int SortOrder, bool IsActive, int Users);
    public record UserRow(string UserName, string DisplayName, string Roles, string? Unit, bool LockedOut);

    public async Task<List<UnitRow>> UnitsAsync()
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ToListAsync();
        var counts = await db.Users.Where(u => u.UnitId != null).GroupBy(u => u.UnitId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        return units.Select(u => new UnitRow(u.Id, u.Name, u.Kind.Display(), u.SortOrder, u.IsActive, counts.GetValueOrDefault(u.Id))).ToList();
    }

    public async Task<List<UserRow>> UsersAsync()
    {
        var rows = await (from u in db.Users.AsNoTracking()
                          join unit in db.Units on u.UnitId equals unit.Id into uu
                          from unit in uu.DefaultIfEmpty()
                          orderby u.UserName
                          select new { u.Id, u.UserName, u.DisplayName, Unit = unit != null ? unit.Name : null, u.LockoutEnd }).ToListAsync();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        return rows.Select(u => new UserRow(u.UserName!, u.DisplayName,
            string.Join("、", roles.Where(r => r.UserId == u.Id).Select(r => Identity.Roles.Display(r.Name!))),
            u.Unit, u.LockoutEnd > now)).ToList();
    }
}
