using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Infrastructure;

public static class CommandDone
{
    /// <summary>After a command that succeeded: back to the page (Post/Redirect/Get) with the message for the status partial.</summary>
    public static RedirectToPageResult Done(this PageModel page, string message, object? routeValues = null)
    {
        page.TempData[RefusalFilter.MessageKey] = message;
        return page.RedirectToPage(routeValues);
    }
}
