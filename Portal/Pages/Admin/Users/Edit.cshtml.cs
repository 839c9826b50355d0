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
    /// <summary>A reset password, shown once on the answer to the post.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id, keepInput: true)) return NotFound();
        if (!ModelState.IsValid) return Page();
        await service.UpdateAsync(id, Input.ToFields());
        return this.Done("已保存。", new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await service.SetDisabledAsync(id, true);
        return this.Done("已停用该账户：其已打开的会话在下一次请求时结束。", new { id });
    }

    public async Task<IActionResult> OnPostEnableAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await service.SetDisabledAsync(id, false);
        return this.Done("已启用该账户。", new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await service.UnlockAsync(id);
        return this.Done("已解除锁定。", new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        OneTimePassword = await service.ResetPasswordAsync(id);
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, bool keepInput = false)
    {
        var account = await service.FindAsync(id);
        if (account is null) return false;
        Account = account;
        Units = await service.OfferedUnitsAsync(account.UnitId);
        if (keepInput) return true;
        // The account actions post no form fields: the form shows the account as stored, without the empty fields' errors.
        Input = UserInput.From(account);
        ModelState.Clear();
        return true;
    }
}
