using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portal.Identity;

namespace Portal.Infrastructure;

/// <summary>
/// Who is asking: name, roles and unit. Services use it to scope their queries by unit,
/// so a liaison only ever reaches their own unit's records whatever id is typed in.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor? http = null)
{
    private ClaimsPrincipal? Principal => http?.HttpContext?.User;

    public string? UserName => Principal?.Identity?.IsAuthenticated == true ? Principal.Identity!.Name : null;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
    public bool IsAdmin => IsInRole(Roles.Admin);
    public bool IsStaff => IsInRole(Roles.Staff) || IsAdmin;
    public bool IsLeader => IsInRole(Roles.Leader);
    public bool IsLiaison => IsInRole(Roles.Liaison);

    /// <summary>The unit of the signed-in user (carried as a claim, see <see cref="PortalClaimsFactory"/>).</summary>
    public int? UnitId => int.TryParse(Principal?.FindFirstValue(PortalClaimsFactory.UnitClaim), out var id) ? id : null;

    /// <summary>The client's address: behind a configured proxy the user's, from X-Forwarded-For (see <see cref="ProxySetup"/>).</summary>
    public string? Address => http?.HttpContext?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;

    public IReadOnlyList<string> RolesOf() => Roles.All.Where(IsInRole).ToList();
}

/// <summary>Adds the user's unit, 姓名 and a pending password change to the sign-in cookie.</summary>
public sealed class PortalClaimsFactory(
    UserManager<PortalUser> users, RoleManager<IdentityRole> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    public const string UnitClaim = "portal:unit";
    public const string DisplayNameClaim = "portal:name";
    public const string MustChangePasswordClaim = "portal:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitId is int unit) identity.AddClaim(new Claim(UnitClaim, unit.ToString()));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "1"));
        return identity;
    }
}
