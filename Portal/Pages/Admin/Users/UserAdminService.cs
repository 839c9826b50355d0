using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Users;

public enum UserState { Active, Disabled, Locked }

public sealed record UserFilter(string? Q = null, string? Role = null, int? UnitId = null, UserState? State = null, int Page = 1);

public sealed record UserRow(string Id, string UserName, string DisplayName, string Role, int? UnitId, string? Unit, string? Phone, bool Disabled, bool Locked, bool MustChangePassword)
{
    public string StateText => Disabled ? "已停用" : Locked ? "已锁定" : MustChangePassword ? "待修改密码" : "正常";
}

/// <summary>What an administrator enters for an account (bound by the pages and the CLI, mapped onto the user here).</summary>
public sealed record UserFields(string UserName, string DisplayName, string Role, int? UnitId, string? Phone);

/// <summary>The outcome of an account change: an error in Chinese, or the one-time password when one was made.</summary>
public sealed record UserChange(string? Error, string? OneTimePassword = null, string? UserId = null)
{
    public bool Succeeded => Error is null;
    public static UserChange Fail(string error) => new(error);
}

/// <summary>Accounts for administrators (web pages and the <c>user</c> verbs): list, create, edit, disable, unlock, reset.</summary>
public sealed class UserAdminService(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit, TimeProvider time)
{
    public const int PageSize = 20;

    public async Task<(List<UserRow> Rows, int Total)> ListAsync(UserFilter f)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q) || (u.PhoneNumber != null && u.PhoneNumber.Contains(q)));
        }
        if (f.UnitId is int unit) query = query.Where(u => u.UnitId == unit);
        if (f.Role is not null)
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == f.Role)));
        var now = time.GetUtcNow();
        query = f.State switch
        {
            UserState.Disabled => query.Where(u => u.IsDisabled),
            UserState.Locked => query.Where(u => !u.IsDisabled && u.LockoutEnd != null && u.LockoutEnd > now),
            UserState.Active => query.Where(u => !u.IsDisabled && (u.LockoutEnd == null || u.LockoutEnd <= now)),
            _ => query,
        };
        var total = await query.CountAsync();
        var page = await query.OrderBy(u => u.UserName)
            .Skip((Math.Max(f.Page, 1) - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, Unit = u.Unit != null ? u.Unit.Name : null, u.PhoneNumber, u.IsDisabled, u.LockoutEnd, u.MustChangePassword })
            .ToListAsync();
        var ids = page.Select(u => u.Id).ToList();
        var roles = await RolesOfAsync(ids);
        return (page.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.UnitId, u.Unit, u.PhoneNumber,
            u.IsDisabled, u.LockoutEnd > now, u.MustChangePassword)).ToList(), total);
    }

    /// <summary>The account of a user name (any case), for the CLI.</summary>
    public Task<string?> IdOfAsync(string userName)
    {
        var normalized = users.NormalizeName(userName.Trim());
        return db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync();
    }

    /// <summary>Units that can take new accounts: active ones, plus the one an account already belongs to.</summary>
    public Task<List<Unit>> OfferedUnitsAsync(int? current = null) =>
        db.Units.AsNoTracking().Where(u => u.IsActive || u.Id == current).OrderBy(u => u.SortOrder).ThenBy(u => u.Id).ToListAsync();

    public async Task<UserChange> CreateAsync(UserFields fields)
    {
        var input = Clean(fields);
        var error = await CheckAsync(null, input, null);
        if (error is not null) return UserChange.Fail(error);
        var password = OneTimePassword.Generate();
        var user = new PortalUser
        {
            UserName = input.UserName, DisplayName = input.DisplayName, UnitId = input.UnitId, PhoneNumber = input.Phone,
            MustChangePassword = true,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return UserChange.Fail(Describe(result));
        await users.AddToRoleAsync(user, input.Role);
        audit.Add("新建用户", "User", user.UserName, after: Summary(input));
        await db.SaveChangesAsync();
        return new UserChange(null, password, user.Id);
    }

    public async Task<UserChange> UpdateAsync(string id, UserFields fields)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return UserChange.Fail("该用户不存在。");
        var input = Clean(fields);
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        var error = await CheckAsync(user, input, role);
        if (error is not null) return UserChange.Fail(error);

        var before = Summary(new UserFields(user.UserName!, user.DisplayName, role, user.UnitId, user.PhoneNumber));
        user.DisplayName = input.DisplayName;
        user.UnitId = input.UnitId;
        user.PhoneNumber = input.Phone;
        var result = await users.SetUserNameAsync(user, input.UserName);
        if (!result.Succeeded) return UserChange.Fail(Describe(result));
        if (role != input.Role)
        {
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            await users.AddToRoleAsync(user, input.Role);
        }
        await users.UpdateSecurityStampAsync(user); // a new role or unit reaches the user's open session at once
        audit.Add("修改用户", "User", user.UserName, before, Summary(input));
        await db.SaveChangesAsync();
        return new UserChange(null, UserId: user.Id);
    }

    public async Task<UserChange> SetDisabledAsync(string id, bool disabled)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return UserChange.Fail("该用户不存在。");
        if (user.IsDisabled == disabled) return new UserChange(null, UserId: id);
        if (disabled && UserRules.LastAdministrator(await IsActiveAdminAsync(user), false, await ActiveAdminCountAsync()) is { } error)
            return UserChange.Fail(error);
        user.IsDisabled = disabled;
        await users.UpdateSecurityStampAsync(user); // ends the disabled user's open sessions at their next request
        audit.Add(disabled ? "停用用户" : "启用用户", "User", user.UserName);
        await db.SaveChangesAsync();
        return new UserChange(null, UserId: id);
    }

    public async Task<UserChange> UnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return UserChange.Fail("该用户不存在。");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add("解锁用户", "User", user.UserName);
        await db.SaveChangesAsync();
        return new UserChange(null, UserId: id);
    }

    /// <summary>A new one-time password (shown once); the account is unlocked too, since a forgotten password often locked it.</summary>
    public async Task<UserChange> ResetPasswordAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return UserChange.Fail("该用户不存在。");
        var password = OneTimePassword.Generate();
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!result.Succeeded) return UserChange.Fail(Describe(result));
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add("重置密码", "User", user.UserName);
        await db.SaveChangesAsync();
        return new UserChange(null, password, id);
    }

    private async Task<string?> CheckAsync(PortalUser? user, UserFields input, string? currentRole)
    {
        if (string.IsNullOrEmpty(input.UserName)) return "请输入用户名。";
        if (string.IsNullOrEmpty(input.DisplayName)) return "请输入姓名。";
        if ((UserRules.KnownRole(input.Role) ?? UserRules.LiaisonUnit(input.Role, input.UnitId)) is { } error) return error;
        var current = user?.UnitId;
        if (input.UnitId is int unit && !await db.Units.AnyAsync(u => u.Id == unit && (u.IsActive || u.Id == current)))
            return "所选单位不存在或已停用。";
        var normalized = users.NormalizeName(input.UserName);
        var self = user?.Id ?? "";
        var others = await db.Users.Where(u => u.NormalizedUserName == normalized && u.Id != self).Select(u => u.UserName!).ToListAsync();
        if (UserRules.UniqueName(input.UserName, others) is { } taken) return taken;
        if (user is not null && currentRole == Roles.Admin)
            return UserRules.LastAdministrator(!user.IsDisabled, input.Role == Roles.Admin, await ActiveAdminCountAsync());
        return null;
    }

    private async Task<bool> IsActiveAdminAsync(PortalUser user) => !user.IsDisabled && await users.IsInRoleAsync(user, Roles.Admin);

    private async Task<int> ActiveAdminCountAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => !u.IsDisabled);

    public async Task<UserRow?> FindAsync(string id)
    {
        var u = await db.Users.AsNoTracking().Include(x => x.Unit).FirstOrDefaultAsync(x => x.Id == id);
        if (u is null) return null;
        var roles = await RolesOfAsync([id]);
        return new UserRow(u.Id, u.UserName!, u.DisplayName, roles.GetValueOrDefault(id, ""), u.UnitId, u.Unit?.Name, u.PhoneNumber,
            u.IsDisabled, u.LockoutEnd > time.GetUtcNow(), u.MustChangePassword);
    }

    private async Task<Dictionary<string, string>> RolesOfAsync(List<string> ids) =>
        (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync())
        .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.First().Name!);

    private static UserFields Clean(UserFields f) => new(f.UserName?.Trim() ?? "", f.DisplayName?.Trim() ?? "", f.Role ?? "",
        f.Role == Roles.Liaison || f.UnitId is not null ? f.UnitId : null, string.IsNullOrWhiteSpace(f.Phone) ? null : f.Phone.Trim());

    private static string Summary(UserFields f) => $"{f.UserName}（{f.DisplayName}），{Roles.Display(f.Role)}" + (f.UnitId is int u ? $"，单位 {u}" : "");

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
