using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Admin;

/// <summary>The administrators' read models: units with their accounts, and what on 系统管理 needs attention.</summary>
public sealed class AdminQueries(PortalDbContext db, IOptions<PortalOptions> options, TimeProvider time)
{
    /// <summary>How many accounts of a list the overview names; the rest are counted, and on the users page.</summary>
    public const int Named = 10;

    public record UnitRow(int Id, string Name, string Kind, int SortOrder, bool IsActive, int Users);
    public record AccountRef(string Id, string UserName, string DisplayName);
    public record Listed<T>(int Total, List<T> First);

    /// <summary>
    /// 系统管理's overview: the counts, and the lists to act on (locked accounts, active units that no active liaison
    /// serves, accounts unused for <see cref="AdminOptions.DormantDays"/> days, passwords still to be changed).
    /// </summary>
    public record Overview(int ActiveUnits, int DisabledUnits, int ActiveAccounts, int DisabledAccounts,
        Listed<AccountRef> Locked, List<UnitRow> UnitsWithoutLiaison, Listed<AccountRef> Dormant, Listed<AccountRef> MustChangePassword, int DormantDays);

    public async Task<List<UnitRow>> UnitsAsync()
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ToListAsync();
        var counts = await db.Users.Where(u => u.UnitId != null).GroupBy(u => u.UnitId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        return units.Select(u => new UnitRow(u.Id, u.Name, u.Kind.Display(), u.SortOrder, u.IsActive, counts.GetValueOrDefault(u.Id))).ToList();
    }

    public async Task<Overview> OverviewAsync()
    {
        var now = time.GetUtcNow();
        var days = Math.Max(1, options.Value.Admin.DormantDays);
        var dormantBefore = now.UtcDateTime.AddDays(-days);
        var active = db.Users.AsNoTracking().Where(u => !u.IsDisabled);
        var liaisons = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Liaison select ur.UserId;
        var served = await active.Where(u => u.UnitId != null && liaisons.Contains(u.Id)).Select(u => u.UnitId!.Value).Distinct().ToListAsync();
        var units = await UnitsAsync();
        var locked = await db.Users.LockedIdsAsync(now);
        return new Overview(
            units.Count(u => u.IsActive), units.Count(u => !u.IsActive),
            await active.CountAsync(), await db.Users.CountAsync(u => u.IsDisabled),
            await ListAsync(active.Where(u => locked.Contains(u.Id))),
            units.Where(u => u.IsActive && !served.Contains(u.Id)).ToList(),
            await ListAsync(active.Where(u => u.LastSignInAt == null || u.LastSignInAt < dormantBefore)),
            await ListAsync(active.Where(u => u.MustChangePassword)),
            days);
    }

    private static async Task<Listed<AccountRef>> ListAsync(IQueryable<PortalUser> accounts) =>
        new(await accounts.CountAsync(),
            await accounts.OrderBy(u => u.UserName).Take(Named).Select(u => new AccountRef(u.Id, u.UserName!, u.DisplayName)).ToListAsync());
}
