using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;

namespace Portal.Pages.Admin.Users;

public class CreateModel(UserAdminService service) : PageModel
{
    [BindProperty] public UserInput Input { get; set; } = new();
    public List<Unit> Units { get; private set; } = new();
    /// <summary>Shown once, on the answer to the post; never stored in clear.</summary>
    public CreatedUser? Created { get; private set; }

    public async Task OnGetAsync() => Units = await service.OfferedUnitsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Units = await service.OfferedUnitsAsync();
        if (!ModelState.IsValid) return Page();
        Created = await service.CreateAsync(Input.ToFields());
        return Page();
    }
}
