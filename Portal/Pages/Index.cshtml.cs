using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Library;

namespace Portal.Pages;

public class IndexModel(PortalDbContext db, CurrentUser me) : PageModel
{
    public int DocumentCount { get; private set; }
    public string? UnitName { get; private set; }

    public async Task OnGetAsync()
    {
        DocumentCount = await db.Documents.VisibleTo(me).CountAsync();
        if (me.UnitId is int unit)
            UnitName = await db.Units.Where(u => u.Id == unit).Select(u => u.Name).FirstOrDefaultAsync();
    }
}
