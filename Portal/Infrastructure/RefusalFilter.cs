using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Portal.Infrastructure;

/// <summary>
/// A command page without a view of its own (staff actions posted from another page): a refusal goes back to that page
/// with the message, to the <see cref="Page"/> when the request names an id, else to <see cref="PageWithoutId"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReturnOnRefusalAttribute(string page, string? pageWithoutId = null) : Attribute
{
    public string Page { get; } = page;
    public string? PageWithoutId { get; } = pageWithoutId;
}

/// <summary>
/// What a refused form held, carried back to the page the form came from (for command pages without a view of their own),
/// so the page shows it again: nothing typed is lost.
/// </summary>
public sealed class TypedValues(IReadOnlyDictionary<string, string> values)
{
    public const string Key = "RefusedForm";
    /// <summary>Forms longer than this (in characters) are not carried: the sign-in cookie that carries them has a limit.</summary>
    private const int MaxChars = 6000;

    public static TypedValues From(ITempDataDictionary tempData) =>
        new(tempData[Key] is string json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json)! : new Dictionary<string, string>());

    public static void Keep(HttpRequest request, ITempDataDictionary tempData)
    {
        if (!request.HasFormContentType) return;
        var typed = request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString());
        if (typed.Sum(f => f.Key.Length + f.Value.Length) <= MaxChars) tempData[Key] = JsonSerializer.Serialize(typed);
    }

    /// <summary>The value typed into <paramref name="name"/>, or <paramref name="otherwise"/> when the form was not refused.</summary>
    public string? Or(string name, string? otherwise = null) => values.TryGetValue(name, out var v) ? v : otherwise;
}

/// <summary>
/// Turns a command's <see cref="RuleException"/> into the page's answer, the same way in every feature: a refused rule shows
/// the page again with the message in the status partial and everything that was typed (the handler loads the page's
/// data before it runs the command), a missing object answers 404, a forbidden action 403. A write that lost a race with
/// another user (a unique index or a concurrency check) is a refused rule too.
/// </summary>
public sealed class RefusalFilter(ILogger<RefusalFilter> log) : IAsyncPageFilter
{
    public const string MessageKey = "Message";
    public const string ErrorKey = "Error";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || executed.Exception is not { } exception) return;
        var refusal = exception switch
        {
            RuleException rule => rule,
            DbUpdateException conflict => Conflict(conflict),
            _ => null,
        };
        if (refusal is null) return;
        executed.ExceptionHandled = true;
        executed.Result = refusal.Kind switch
        {
            Refusal.NotFound => new NotFoundResult(),
            Refusal.Forbidden => new ForbidResult(),
            _ => Refused(executed, refusal.Message),
        };
    }

    private RuleException Conflict(DbUpdateException exception)
    {
        log.LogWarning(exception, "A write was refused by the database.");
        return new RuleException("该记录刚被其他人修改，请刷新页面后重试。");
    }

    private static IActionResult Refused(PageHandlerExecutedContext context, string message)
    {
        if (context.HandlerInstance.GetType().GetCustomAttribute<ReturnOnRefusalAttribute>() is { } back)
        {
            var id = context.RouteData.Values["id"] ?? context.HttpContext.Request.Query["id"].FirstOrDefault();
            var tempData = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
            tempData[ErrorKey] = message;
            TypedValues.Keep(context.HttpContext.Request, tempData);
            return id is null && back.PageWithoutId is not null
                ? new RedirectToPageResult(back.PageWithoutId)
                : new RedirectToPageResult(back.Page, new { id });
        }
        context.ModelState.AddModelError(string.Empty, message);
        return new PageResult();
    }
}
