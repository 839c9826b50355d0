using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Infrastructure;

/// <summary>
/// A request that none of a page's handlers takes (a POST to a page that only reads, PUT, DELETE) is answered 405.
/// Razor Pages would otherwise render the page without running any handler, i.e. without its data: a 500.
/// </summary>
public sealed class UnhandledMethodFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        // The status-code pages re-execute a refused PUT or DELETE with its own method: the error page answers it as a GET.
        if (context.HandlerMethod is null && context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            context.HandlerMethod = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h =>
                string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(h.Name));
        return Task.CompletedTask;
    }

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Pages without handler methods (access denied) render the same for every method.
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }
        return next();
    }
}
