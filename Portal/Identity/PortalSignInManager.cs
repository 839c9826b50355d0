using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portal.Identity;

/// <summary>Refuses sign-in to disabled accounts (their open sessions end by the security stamp, see IdentitySetup).</summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<PortalUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<PortalUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation)
    : SignInManager<PortalUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}

/// <summary>
/// While an account carries a generated or reset password, every request is sent to 修改密码 (not only the first one
/// after signing in): the claim comes from the database on each request, so changing the password lifts it at once.
/// </summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public const string Page = "/Account/ChangePassword";
    private static readonly string[] Allowed = [Page, "/Account/Logout", "/Account/Login", "/Account/AccessDenied", "/Error", "/healthz"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == Infrastructure.PortalClaimsFactory.MustChangePasswordClaim)
            && !Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(Page);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
