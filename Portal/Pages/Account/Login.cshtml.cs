using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Account;

public class LoginModel(SignInManager<PortalUser> signIn, AuditLog audit, Data.PortalDbContext db, Microsoft.Extensions.Options.IOptions<PortalOptions> options,
    TimeProvider time) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public PortalOptions Office => options.Value;

    public record LoginInput
    {
        [Required(ErrorMessage = "请输入用户名")][StringLength(100, ErrorMessage = "用户名过长")] public string UserName { get; set; } = "";
        [Required(ErrorMessage = "请输入密码")][StringLength(200, ErrorMessage = "密码过长")] public string Password { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // 最近登录 on the administrator's list of accounts.
            var name = signIn.UserManager.NormalizeName(Input.UserName.Trim());
            var now = time.GetUtcNow().UtcDateTime;
            await db.Users.Where(u => u.NormalizedUserName == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now));
        }
        audit.Add(result.Succeeded ? "登录成功" : result.IsLockedOut ? "登录被锁定" : result.IsNotAllowed ? "停用账户登录" : "登录失败", "User", null, userName: Input.UserName.Trim());
        await db.SaveChangesAsync();
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Error = result.IsLockedOut ? "登录失败次数过多，账户已被临时锁定，请 15 分钟后再试或联系管理员。"
            : result.IsNotAllowed ? "该账户已停用，请联系系统管理员。"
            : "用户名或密码不正确。";
        return Page();
    }
}
