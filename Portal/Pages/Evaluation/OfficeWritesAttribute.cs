using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Identity;

namespace Portal.Pages.Evaluation;

/// <summary>
/// On pages that leaders read but only the office changes: every handler other than GET is refused (403) unless the
/// user is office staff or an administrator. Liaisons never reach the folder (it is bound to <see cref="Policies.Readers"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OfficeWritesAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var user = context.HttpContext.User;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !(user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin)))
        {
            context.Result = new ForbidResult();
            return Task.CompletedTask;
        }
        return next();
    }
}
