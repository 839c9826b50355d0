using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Identity;

public class PortalUser : IdentityUser
{
    /// <summary>姓名 shown in the UI.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>The unit a liaison (单位联络员) belongs to; required for liaisons, optional for others.</summary>
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>停用: someone who has left keeps their name on past records but can no longer sign in.</summary>
    public bool IsDisabled { get; set; }
    /// <summary>A generated or reset password: every page sends the user to change it first.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>The last successful sign-in (UTC); null for an account never used.</summary>
    public DateTime? LastSignInAt { get; set; }
}
