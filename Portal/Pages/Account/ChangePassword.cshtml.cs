using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Account;

public class ChangePasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit, Data.PortalDbContext db,
    IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();
    public string Policy => PasswordPolicy.Describe(identity.Value.Password);
    public bool Required => User.HasClaim(c => c.Type == PortalClaimsFactory.MustChangePasswordClaim);
    public string? Error { get; private set; }

    public record PasswordInput
    {
        [Required(ErrorMessage = "请输入当前密码。")][StringLength(200)] public string Current { get; set; } = "";
        [Required(ErrorMessage = "请输入新密码。")][StringLength(200, ErrorMessage = "新密码过长。")] public string New { get; set; } = "";
        [Required(ErrorMessage = "请再次输入新密码。")][Compare(nameof(New), ErrorMessage = "两次输入的新密码不一致。")] public string Confirm { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = this.ModelErrors();
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (Input.New == Input.Current)
        {
            Error = "新密码不能与当前密码相同。";
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            Error = string.Join(" ", result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "当前密码不正确。" : e.Description));
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        audit.Add("修改密码", "User", user.UserName);
        await db.SaveChangesAsync();
        return LocalRedirect("/");
    }
}
