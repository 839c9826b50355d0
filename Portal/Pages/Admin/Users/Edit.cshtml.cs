using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Users;

public class EditModel(UserAdminService service) : PageModel
{
    [BindProperty] public UserInput Input { get; set; } = new();
    public UserRow Account { get; private set; } = null!;
    public List<Unit> Units { get; private set; } = new();
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }
    /// <summary>A reset password, shown once on the answer to the post.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = UserInput.From(Account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var change = ModelState.IsValid ? await service.UpdateAsync(id, Input.ToFields()) : UserChange.Fail(this.ModelErrors());
        return await AfterAsync(id, change, "已保存。", keepInput: true);
    }

    public async Task<IActionResult> OnPostDisableAsync(string id) => await AfterAsync(id, await service.SetDisabledAsync(id, true), "已停用该账户：其已打开的会话在下一次请求时结束。");
    public async Task<IActionResult> OnPostEnableAsync(string id) => await AfterAsync(id, await service.SetDisabledAsync(id, false), "已启用该账户。");
    public async Task<IActionResult> OnPostUnlockAsync(string id) => await AfterAsync(id, await service.UnlockAsync(id), "已解锁该账户。");

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        var change = await service.ResetPasswordAsync(id);
        if (!change.Succeeded) return await AfterAsync(id, change, "");
        if (!await LoadAsync(id)) return NotFound();
        OneTimePassword = change.OneTimePassword;
        Input = UserInput.From(Account);
        return Page();
    }

    private async Task<IActionResult> AfterAsync(string id, UserChange change, string message, bool keepInput = false)
    {
        if (change.Succeeded)
        {
            Message = message;
            return RedirectToPage(new { id });
        }
        if (!await LoadAsync(id)) return NotFound();
        if (!keepInput) Input = UserInput.From(Account);
        Error = change.Error;
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        var account = await service.FindAsync(id);
        if (account is null) return false;
        Account = account;
        Units = await service.OfferedUnitsAsync(account.UnitId);
        return true;
    }

}
