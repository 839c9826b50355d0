using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Users;

public class CreateModel(UserAdminService service) : PageModel
{
    [BindProperty] public UserInput Input { get; set; } = new();
    public List<Unit> Units { get; private set; } = new();
    public string? Error { get; private set; }
    /// <summary>Shown once, on the answer to the post; never stored in clear.</summary>
    public UserChange? Created { get; private set; }

    public async Task OnGetAsync() => Units = await service.OfferedUnitsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var change = ModelState.IsValid ? await service.CreateAsync(Input.ToFields()) : UserChange.Fail(this.ModelErrors());
        if (change.Succeeded) Created = change;
        else Error = change.Error;
        Units = await service.OfferedUnitsAsync();
        return Page();
    }
}
