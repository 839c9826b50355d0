using Microsoft.EntityFrameworkCore;

namespace Portal.Identity;

/// <summary>Which accounts are locked out now (连续输错密码, Identity's LockoutEnd still ahead).</summary>
public static class Lockouts
{
    /// <summary>The one rule: locked while the lockout end is still ahead.</summary>
    public static bool IsLocked(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd > now;

    /// <summary>
    /// SQLite keeps a <see cref="DateTimeOffset"/> as text and cannot compare it in SQL, so the accounts that have a
    /// lockout end at all (few: it is set only after failed sign-ins) are read, and compared with now here.
    /// </summary>
    public static async Task<List<string>> LockedIdsAsync(this IQueryable<PortalUser> users, DateTimeOffset now) =>
        (await users.Where(u => u.LockoutEnd != null).Select(u => new { u.Id, u.LockoutEnd }).ToListAsync())
            .Where(u => IsLocked(u.LockoutEnd, now)).Select(u => u.Id).ToList();
}
