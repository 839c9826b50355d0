using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Identity;

public static class IdentitySetup
{
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<Infrastructure.PortalClaimsFactory>();
        services.AddHttpContextAccessor();
        // The cookie is checked against the account on every request, so that disabling an account, resetting its password
        // or changing its role takes effect at the user's next request (one indexed lookup per request on an intranet).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Office, p => p.RequireRole(Roles.Staff, Roles.Admin))
            .AddPolicy(Policies.Readers, p => p.RequireRole(Roles.Staff, Roles.Leader, Roles.Admin))
            .AddPolicy(Policies.Workflow, p => p.RequireRole(Roles.Liaison, Roles.Staff, Roles.Admin))
            .AddPolicy(Policies.WorkflowReaders, p => p.RequireRole(Roles.Liaison, Roles.Staff, Roles.Admin, Roles.Leader));
        return services;
    }
}

/// <summary>The password policy in words, shown where a password is chosen.</summary>
public static class PasswordPolicy
{
    public static string Describe(PasswordOptions o)
    {
        var needs = new List<string>();
        if (o.RequireLowercase) needs.Add("小写字母");
        if (o.RequireUppercase) needs.Add("大写字母");
        if (o.RequireDigit) needs.Add("数字");
        if (o.RequireNonAlphanumeric) needs.Add("符号");
        return $"密码至少 {o.RequiredLength} 个字符" + (needs.Count == 0 ? "。" : $"，须包含{string.Join("、", needs)}。");
    }
}

/// <summary>Identity's validation messages in Chinese (the ones users can meet).</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符。" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码必须包含数字。" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码必须包含小写字母。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效，只能包含字母、数字和 -._@+。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确。" };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "该账户未启用锁定。" };
}
