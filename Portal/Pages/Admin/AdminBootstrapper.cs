using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Admin;

/// <summary>
/// On first start with no users: create the roles and an administrator from <c>Portal:Admin:UserName</c> /
/// <c>Portal:Admin:Password</c>, or with a generated password printed once to the console.
/// </summary>
public sealed class AdminBootstrapper(
    UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<PortalOptions> options, ILogger<AdminBootstrapper> log)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    public async Task EnsureAdministratorAsync(CancellationToken ct = default)
    {
        await EnsureRolesAsync();

        if (await users.Users.AnyAsync(ct)) return;

        var admin = options.Value.Admin;
        var userName = string.IsNullOrWhiteSpace(admin.UserName) ? "admin" : admin.UserName.Trim();
        var generated = string.IsNullOrEmpty(admin.Password);
        var password = generated ? OneTimePassword.Generate() : admin.Password!;
        var user = new PortalUser { UserName = userName, DisplayName = "系统管理员", MustChangePassword = generated };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("无法创建管理员账户：" + string.Join("；", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Admin);

        if (generated)
        {
            // Printed once, on the console only: there is no other way to sign in to a fresh portal.
            Console.WriteLine($"[Portal] 已创建管理员账户 {userName}，初始密码：{password}  （首次登录时须修改）");
            log.LogWarning("Created administrator {User} with a generated password (printed on the console).", userName);
        }
        else
        {
            log.LogInformation("Created administrator {User} from configuration.", userName);
        }
    }
}
