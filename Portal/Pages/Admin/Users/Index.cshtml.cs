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

    public ListPage<UserRow> List { get; private set; } = null!;
    public List<Unit> Units { get; private set; } = new();
    /// <summary>The page links (the total stands beside the filters).</summary>
    public Pager Pager => List.Pager(Request) with { Total = null };

    public async Task OnGetAsync()
    {
        List = await service.ListAsync(new UserFilter(QueryValues.Clean(Q), QueryValues.Clean(Role), Unit, State), ListQuery.From(Request));
        Units = await service.OfferedUnitsAsync();
    }
}
