using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Identity;

namespace Portal.Infrastructure;

/// <summary>
/// On workflow pages leaders read (the ledger, a task, the reminders, the submission lists and items): a leader who is not
/// also a liaison, staff or administrator gets every handler other than GET refused (403). The pages show leaders no
/// edit controls; this makes sure a crafted post changes nothing either.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LeadersReadOnlyAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var method = context.HttpContext.Request.Method;
        var writer = user.IsInRole(Roles.Liaison) || user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin);
        if (!writer && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new ForbidResult();
            return Task.CompletedTask;
        }
        return next();
    }
}
