using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>立项 (and usually 交办 at once): office staff register a task.</summary>
[Authorize(Policy = Policies.Office)]
public class CreateModel(SupervisionService service) : PageModel
{
    [BindProperty] public TaskInput Input { get; set; } = new();
    public List<Unit> Units { get; private set; } = new();

    public async Task OnGetAsync()
    {
        Units = await service.UnitsAsync();
        var today = service.Today;
        Input.AssignedOn = today;
        Input.Deadline = today.AddDays(30);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Units = await service.UnitsAsync();
        if (!ModelState.IsValid) return Page();
        var id = await service.CreateAsync(Input);
        return this.Done("督办事项已登记。", "/Supervision/Task", new { id });
    }
}
