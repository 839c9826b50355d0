using Portal.Identity;

namespace Portal.Pages.Admin.Users;

/// <summary>The rules an account change must keep, facts in and a Chinese message out (null: allowed).</summary>
public static class UserRules
{
    public const string LastAdministratorMessage = "至少要保留一名启用的系统管理员：不能停用最后一名系统管理员，也不能取消其管理员角色。";
    public const string LiaisonWithoutUnitMessage = "单位联络员必须选择所属单位。";

    /// <summary>An office that loses its last active administrator can no longer manage accounts from the web.</summary>
    public static string? LastAdministrator(bool isActiveAdmin, bool staysActiveAdmin, int activeAdmins) =>
        isActiveAdmin && !staysActiveAdmin && activeAdmins <= 1 ? LastAdministratorMessage : null;

    /// <summary>User names are unique ignoring case: “Chen” and “chen” would be the same person at the sign-in page.</summary>
    public static string? UniqueName(string userName, IEnumerable<string> otherUserNames) =>
        otherUserNames.Any(n => string.Equals(n, userName, StringComparison.OrdinalIgnoreCase)) ? $"用户名“{userName}”已被使用（不区分大小写）。" : null;

    /// <summary>A liaison submits and reports for one unit: without a unit they could do nothing, or see everything.</summary>
    public static string? LiaisonUnit(string role, int? unitId) =>
        role == Roles.Liaison && unitId is null ? LiaisonWithoutUnitMessage : null;

    public static string? KnownRole(string? role) => role is not null && Roles.All.Contains(role) ? null : "请选择角色。";
}
