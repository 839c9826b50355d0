using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Admin;

public class IndexModel(AdminQueries queries) : PageModel
{
    public List<AdminQueries.UnitRow> Units { get; private set; } = new();
    public List<AdminQueries.UserRow> Users { get; private set; } = new();

    public async Task OnGetAsync()
    {
        Units = await queries.UnitsAsync();
        Users = await queries.UsersAsync();
    }
}
