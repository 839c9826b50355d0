using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;

namespace Portal.Pages.Admin;

public class AuditModel(AdminQueries queries) : PageModel
{
    public List<AuditEntry> Entries { get; private set; } = new();
    public async Task OnGetAsync() => Entries = await queries.AuditAsync();
}
