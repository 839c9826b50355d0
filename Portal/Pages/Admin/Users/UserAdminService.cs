using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Users;

public enum UserState { Active, Disabled, Locked }

public sealed record UserFilter(string? Q = null, string? Role = null, int? UnitId = null, UserState? State = null);

public sealed record UserRow(string Id, string UserName, string DisplayName, string Role, int? UnitId, string? Unit, string? Phone, bool Disabled, bool Locked,
    bool MustChangePassword, DateTime? LastSignInAt)
{
    public string StateText => Disabled ? "已停用" : Locked ? "已锁定" : MustChangePassword ? "待修改密码" : "正常";
    public string LastSignInText => LastSignInAt is DateTime at ? ShanghaiClock.Format(at) : "从未登录";
}

/// <summary>What an administrator enters for an account (bound by the pages and the CLI, mapped onto the user here).</summary>
public sealed record UserFields(string UserName, string DisplayName, string Role, int? UnitId, string? Phone);

/// <summary>A new account and its one-time password (shown once).</summary>
public sealed record CreatedUser(string UserId, string OneTimePassword);

/// <summary>
/// Accounts for administrators (web pages and the <c>user</c> verbs): list, create, edit, disable, unlock, reset.
/// A refused change throws <see cref="RuleException"/> with the Chinese reason, before anything is written.
/// </summary>
public sealed class UserAdminService(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit, TimeProvider time)
{
    public const int PageSize = 20;

    /// <summary>The list's columns (URL keys); by user name by default.</summary>
    public static readonly SortKeys<PortalUser> Sorts = new SortKeys<PortalUser>()
        .Add("name", u => u.UserName).Add("display", u => u.DisplayName).Add("unit", u => u.Unit!.SortOrder)
        // Never signed in counts as the oldest, on both databases (they order nulls differently).
        .Add("last", u => u.LastSignInAt ?? DateTime.MinValue)
        .ThenBy(u => u.UserName)
        .Default("name");

    public async Task<ListPage<UserRow>> ListAsync(UserFilter f, ListQuery list)
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
        var locked = f.State is UserState.Locked or UserState.Active ? await db.Users.LockedIdsAsync(now) : [];
        query = f.State switch
        {
            UserState.Disabled => query.Where(u => u.IsDisabled),
            UserState.Locked => query.Where(u => !u.IsDisabled && locked.Contains(u.Id)),
            UserState.Active => query.Where(u => !u.IsDisabled && !locked.Contains(u.Id)),
            _ => query,
        };
        var page = await list.PageAsync(Sorts.Apply(query, list)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, Unit = u.Unit != null ? u.Unit.Name : null, u.PhoneNumber, u.IsDisabled, u.LockoutEnd, u.MustChangePassword, u.LastSignInAt }),
            PageSize);
        var roles = await RolesOfAsync(page.Items.Select(u => u.Id).ToList());
        return new(page.Items.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.UnitId, u.Unit, u.PhoneNumber,
            u.IsDisabled, Lockouts.IsLocked(u.LockoutEnd, now), u.MustChangePassword, u.LastSignInAt)).ToList(), page.Total, page.Page, page.PageSize);
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

    public async Task<CreatedUser> CreateAsync(UserFields fields)
    {
        var input = Clean(fields);
        await CheckAsync(null, input, null);
        var password = OneTimePassword.Generate();
        var user = new PortalUser
        {
            UserName = input.UserName, DisplayName = input.DisplayName, UnitId = input.UnitId, PhoneNumber = input.Phone,
            MustChangePassword = true,
        };
        Succeed(await users.CreateAsync(user, password));
        await users.AddToRoleAsync(user, input.Role);
        audit.Add("新建用户", "User", user.UserName, after: Summary(input));
        await db.SaveChangesAsync();
        return new CreatedUser(user.Id, password);
    }

    public async Task UpdateAsync(string id, UserFields fields)
    {
        var user = await UserAsync(id);
        var input = Clean(fields);
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        await CheckAsync(user, input, role);

        var before = Summary(new UserFields(user.UserName!, user.DisplayName, role, user.UnitId, user.PhoneNumber));
        user.DisplayName = input.DisplayName;
        user.UnitId = input.UnitId;
        user.PhoneNumber = input.Phone;
        Succeed(await users.SetUserNameAsync(user, input.UserName));
        if (role != input.Role)
        {
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            await users.AddToRoleAsync(user, input.Role);
        }
        await users.UpdateSecurityStampAsync(user); // a new role or unit reaches the user's open session at once
        audit.Add("修改用户", "User", user.UserName, before, Summary(input));
        await db.SaveChangesAsync();
    }

    public async Task SetDisabledAsync(string id, bool disabled)
    {
        var user = await UserAsync(id);
        if (user.IsDisabled == disabled) return;
        if (disabled) Refuse(UserRules.LastAdministrator(await IsActiveAdminAsync(user), false, await ActiveAdminCountAsync()));
        user.IsDisabled = disabled;
        await users.UpdateSecurityStampAsync(user); // ends the disabled user's open sessions at their next request
        audit.Add(disabled ? "停用用户" : "启用用户", "User", user.UserName);
        await db.SaveChangesAsync();
    }

    public async Task UnlockAsync(string id)
    {
        var user = await UserAsync(id);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add("解锁用户", "User", user.UserName);
        await db.SaveChangesAsync();
    }

    /// <summary>A new one-time password (shown once); the account is unlocked too, since a forgotten password often locked it.</summary>
    public async Task<string> ResetPasswordAsync(string id)
    {
        var user = await UserAsync(id);
        var password = OneTimePassword.Generate();
        Succeed(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add("重置密码", "User", user.UserName);
        await db.SaveChangesAsync();
        return password;
    }

    /// <summary>修改密码: the user's own change, which lifts the obligation left by a generated or reset password.</summary>
    public async Task ChangeOwnPasswordAsync(PortalUser user, string current, string next)
    {
        if (next == current) Refuse("新密码不能与当前密码相同。");
        var result = await users.ChangePasswordAsync(user, current, next);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))) Refuse("当前密码不正确。");
        Succeed(result);
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        audit.Add("修改密码", "User", user.UserName);
        await db.SaveChangesAsync();
    }

    private async Task CheckAsync(PortalUser? user, UserFields input, string? currentRole)
    {
        if (string.IsNullOrEmpty(input.UserName)) Refuse("请输入用户名。");
        if (string.IsNullOrEmpty(input.DisplayName)) Refuse("请输入姓名。");
        Refuse(UserRules.KnownRole(input.Role) ?? UserRules.LiaisonUnit(input.Role, input.UnitId));
        var current = user?.UnitId;
        if (input.UnitId is int unit && !await db.Units.AnyAsync(u => u.Id == unit && (u.IsActive || u.Id == current)))
            Refuse("所选单位不存在或已停用。");
        var normalized = users.NormalizeName(input.UserName);
        var self = user?.Id ?? "";
        Refuse(UserRules.UniqueName(input.UserName, await db.Users.Where(u => u.NormalizedUserName == normalized && u.Id != self).Select(u => u.UserName!).ToListAsync()));
        if (user is not null && currentRole == Roles.Admin)
            Refuse(UserRules.LastAdministrator(!user.IsDisabled, input.Role == Roles.Admin, await ActiveAdminCountAsync()));
    }

    private async Task<PortalUser> UserAsync(string id) => await users.FindByIdAsync(id) ?? throw RuleException.NotFound("该用户不存在。");

    private static void Refuse(string? message)
    {
        if (message is not null) throw new RuleException(message);
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded) throw new RuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task<bool> IsActiveAdminAsync(PortalUser user) => !user.IsDisabled && await users.IsInRoleAsync(user, Roles.Admin);

    private async Task<int> ActiveAdminCountAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => !u.IsDisabled);

    public async Task<UserRow?> FindAsync(string id)
    {
        var u = await db.Users.AsNoTracking().Include(x => x.Unit).FirstOrDefaultAsync(x => x.Id == id);
        if (u is null) return null;
        var roles = await RolesOfAsync([id]);
        return new UserRow(u.Id, u.UserName!, u.DisplayName, roles.GetValueOrDefault(id, ""), u.UnitId, u.Unit?.Name, u.PhoneNumber,
            u.IsDisabled, Lockouts.IsLocked(u.LockoutEnd, time.GetUtcNow()), u.MustChangePassword, u.LastSignInAt);
    }

    private async Task<Dictionary<string, string>> RolesOfAsync(List<string> ids) =>
        (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync())
        .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.First().Name!);

    private static UserFields Clean(UserFields f) => new(f.UserName?.Trim() ?? "", f.DisplayName?.Trim() ?? "", f.Role ?? "",
        f.Role == Roles.Liaison || f.UnitId is not null ? f.UnitId : null, string.IsNullOrWhiteSpace(f.Phone) ? null : f.Phone.Trim());

    private static string Summary(UserFields f) => $"{f.UserName}（{f.DisplayName}），{Roles.Display(f.Role)}" + (f.UnitId is int u ? $"，单位 {u}" : "");
}
