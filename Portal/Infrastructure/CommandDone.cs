using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Infrastructure;

/// <summary>
/// The one way a page says a command succeeded: a redirect (Post/Redirect/Get) with the message for the status partial
/// (<c>&lt;partial name="_StatusMessage" /&gt;</c>). A refusal is a <see cref="RuleException"/>, answered by the
/// <see cref="RefusalFilter"/>; pages never write the status messages into TempData themselves.
/// </summary>
public static class CommandDone
{
    /// <summary>Back to the same page.</summary>
    public static RedirectToPageResult Done(this PageModel page, string message, object? routeValues = null) =>
        page.Done(message, pageName: null, routeValues);

    /// <summary>On to another page (<paramref name="pageName"/> as for RedirectToPage, e.g. "Round" or "/Library/Details").</summary>
    public static RedirectToPageResult Done(this PageModel page, string message, string? pageName, object? routeValues)
    {
        Say(page, message);
        return page.RedirectToPage(pageName, routeValues);
    }

    /// <summary>On to a local address built by the page (a path with a carried query string).</summary>
    public static LocalRedirectResult DoneAt(this PageModel page, string message, string localUrl)
    {
        Say(page, message);
        return page.LocalRedirect(localUrl);
    }

    private static void Say(PageModel page, string message) => page.TempData[RefusalFilter.MessageKey] = message;
}
