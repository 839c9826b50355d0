using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Admin;

public class IndexModel(AdminQueries queries) : PageModel
{
    public AdminQueries.Overview Overview { get; private set; } = null!;

    public async Task OnGetAsync() => Overview = await queries.OverviewAsync();
}

/// <summary>A list of accounts on 系统管理, and the users page that shows all of it (null: none does).</summary>
public sealed record AccountListView(AdminQueries.Listed<AdminQueries.AccountRef> List, string? More);
