using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Identity;
using Portal.Infrastructure;
using Portal.Pages.Admin.Users;

namespace Portal.Pages.Account;

public class ChangePasswordModel(UserAdminService accounts, UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();
    public string Policy => PasswordPolicy.Describe(identity.Value.Password);
    public bool Required => User.HasClaim(c => c.Type == PortalClaimsFactory.MustChangePasswordClaim);

    public record PasswordInput
    {
        [Required(ErrorMessage = "请输入当前密码。")][StringLength(200)] public string Current { get; set; } = "";
        [Required(ErrorMessage = "请输入新密码。")][StringLength(200, ErrorMessage = "新密码过长。")] public string New { get; set; } = "";
        [Required(ErrorMessage = "请再次输入新密码。")][Compare(nameof(New), ErrorMessage = "两次输入的新密码不一致。")] public string Confirm { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await accounts.ChangeOwnPasswordAsync(user, Input.Current, Input.New);
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect("/");
    }
}
