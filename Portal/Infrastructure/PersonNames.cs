using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Infrastructure;

/// <summary>
/// 姓名 for the user names that records keep (报送人, 修改人, timelines, the audit log): pages show people by their real
/// name, login names only on the users page. Records keep the login name, so a corrected 姓名 shows everywhere at once.
/// </summary>
public sealed class PersonNames(PortalDbContext db)
{
    public const string System = "系统";

    // One read per request of every account's name: an office has hundreds of accounts, and a page names many people.
    private Dictionary<string, string>? _names;

    /// <summary>The person's 姓名; 系统 for the portal's own actions (no user); the login name of an account since removed.</summary>
    public string Of(string? userName)
    {
        if (string.IsNullOrEmpty(userName)) return System;
        _names ??= db.Users.AsNoTracking().Where(u => u.UserName != null && u.DisplayName != "")
            .Select(u => new { u.UserName, u.DisplayName }).ToList()
            .ToDictionary(u => u.UserName!, u => u.DisplayName, StringComparer.OrdinalIgnoreCase);
        return _names.TryGetValue(userName, out var name) ? name : userName;
    }
}
