using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Users;

public class IndexModel(UserAdminService service) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public UserState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<UserRow> Rows { get; private set; } = new();
    public int Total { get; private set; }
    public List<Unit> Units { get; private set; } = new();
    public Pager Pager => new(PageNumber, Pager.Count(Total, UserAdminService.PageSize), p => Url.Page("/Admin/Users/Index", new { Q, Role, Unit, State, p })!);

    public async Task OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        (Rows, Total) = await service.ListAsync(new UserFilter(Q, Role, Unit, State, PageNumber));
        Units = await service.OfferedUnitsAsync();
    }
}
