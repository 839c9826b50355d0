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

    /// <summary>From 系统管理's 没有联络员的单位: a new liaison of that unit (an id not offered is ignored).</summary>
    public async Task OnGetAsync(int? unit)
    {
        Units = await service.OfferedUnitsAsync();
        if (unit is int id && Units.Any(u => u.Id == id)) Input = new UserInput { Role = Identity.Roles.Liaison, UnitId = id };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Units = await service.OfferedUnitsAsync();
        if (!ModelState.IsValid) return Page();
        Created = await service.CreateAsync(Input.ToFields());
        return Page();
    }
}
