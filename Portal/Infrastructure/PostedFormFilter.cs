using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Infrastructure;

/// <summary>The property that identifies a line of a posted list (the unit of a score line): no two lines may share it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormLineKeyAttribute : Attribute;

/// <summary>
/// A posted form is checked as a whole before any handler uses it. The pages render their lists as
/// <c>Lines[0]…Lines[n-1]</c>, one line per record; a form whose indexes skip, repeat or are not numbers, whose lines
/// name one record twice (<see cref="FormLineKeyAttribute"/>), or whose line keys do not bind, was not sent by one of
/// those pages. Such a form is refused whole with a 400 and a message, rather than half-bound: the model binder stops
/// at the first missing index and would save the lines before it silently.
/// </summary>
public sealed partial class PostedFormFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // The error page, re-executing a refused request, shows the refusal instead of refusing again.
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType ||
            context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null) return next();
        var problem = IndexProblem(context, request.Form.Keys) ?? CheckboxProblem(context) ?? DuplicateProblem(context);
        if (problem is null) return next();
        context.Result = PostedForm.Refuse(context.HttpContext, problem);
        return Task.CompletedTask;
    }

    /// <summary>Every indexed list the page binds must run 0, 1, 2… without a gap (dictionaries are keyed by name: not checked).</summary>
    private static string? IndexProblem(PageHandlerExecutingContext context, IEnumerable<string> keys)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
            foreach (Match m in Indexed().Matches(key))
            {
                var list = key[..(m.Index)];
                if (!lists.TryGetValue(list, out var indexes)) lists[list] = indexes = new List<string>();
                indexes.Add(m.Groups["index"].Value);
            }
        foreach (var (list, indexes) in lists)
        {
            if (TypeAt(context, list) is not Type type || type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ||
                typeof(IDictionary).IsAssignableFrom(type) || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
                continue;
            var seen = new HashSet<long>();
            foreach (var text in indexes)
            {
                if (!long.TryParse(text, out var index) || index < 0) return $"表单中的行号“{Trim(text)}”无效。";
                seen.Add(index);
            }
            if (seen.Max() != seen.Count - 1)
                return $"表单中的行不连续（{Trim(list)}缺少第 {Enumerable.Range(0, seen.Count).First(i => !seen.Contains(i)) + 1} 行）。";
        }
        return null;
    }

    [GeneratedRegex(@"\[(?<index>[^\]]*)\]")]
    private static partial Regex Indexed();

    private static string Trim(string list) => list.Length > 40 ? list[..40] : list;

    /// <summary>
    /// A checkbox sends "true" (and its hidden "false"); any other value fails to bind, and the page showing the form again
    /// cannot render the checkbox with it (the framework throws on converting the value back).
    /// </summary>
    private static string? CheckboxProblem(PageHandlerExecutingContext context)
    {
        foreach (var (key, entry) in context.ModelState)
            if (entry.Errors.Count > 0 && TypeAt(context, key) is Type t && (Nullable.GetUnderlyingType(t) ?? t) == typeof(bool))
                return "表单中勾选项的取值无效。";
        return null;
    }

    /// <summary>The type bound at a model-state key ("Input.Units[3].Eligible"), from the page's bound properties.</summary>
    private static Type? TypeAt(PageHandlerExecutingContext context, string key)
    {
        var parts = key.Split('.');
        var root = parts[0].Split('[')[0];
        var type = context.ActionDescriptor.BoundProperties.FirstOrDefault(p => string.Equals(p.BindingInfo?.BinderModelName ?? p.Name, root, StringComparison.OrdinalIgnoreCase))?.ParameterType
                   ?? context.HandlerMethod?.Parameters.FirstOrDefault(p => string.Equals(p.Name, root, StringComparison.OrdinalIgnoreCase))?.ParameterType;
        for (var i = 0; type is not null && i < parts.Length; i++)
        {
            var name = parts[i].Split('[')[0];
            if (i > 0) type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            if (type is not null && parts[i].Contains('['))
                type = type.IsArray ? type.GetElementType() : type.GetGenericArguments().LastOrDefault();
        }
        return type;
    }

    /// <summary>The lists bound to the page's properties and the handler's arguments, one level deep into input objects.</summary>
    private static string? DuplicateProblem(PageHandlerExecutingContext context)
    {
        var bound = context.ActionDescriptor.BoundProperties
            .Select(p => (Name: p.BindingInfo?.BinderModelName ?? p.Name, Value: (p as Microsoft.AspNetCore.Mvc.Infrastructure.IPropertyInfoParameterDescriptor)?.PropertyInfo.GetValue(context.HandlerInstance)))
            .Concat(context.HandlerArguments.Select(a => (Name: a.Key, Value: a.Value)));
        foreach (var (name, value) in bound)
        {
            if (Check(name, value, context) is string problem) return problem;
            // Input objects are the portal's own classes; framework arguments (files, tokens) are not walked.
            if (value is null || value is IEnumerable || value.GetType().Assembly != typeof(PostedFormFilter).Assembly) continue;
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(string) && property.GetIndexParameters().Length == 0
                    && Check($"{name}.{property.Name}", property.GetValue(value), context) is string inner) return inner;
        }
        return null;
    }

    private static string? Check(string prefix, object? value, PageHandlerExecutingContext context)
    {
        if (value is not IList list || list.GetType().GetGenericArguments().FirstOrDefault() is not Type item) return null;
        var key = item.GetProperties().FirstOrDefault(p => p.IsDefined(typeof(FormLineKeyAttribute)));
        if (key is null) return null;
        var seen = new HashSet<object>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"{prefix}[{i}].{key.Name}";
            if (context.ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
                return $"表单第 {i + 1} 行的编号无效。";
            if (list[i] is not object line || key.GetValue(line) is not object id) continue;
            if (id is 0) continue; // no id (a new line, or none sent): the service says what is missing
            if (!seen.Add(id)) return $"表单中同一项出现了两次（第 {i + 1} 行）。";
        }
        return null;
    }
}

/// <summary>How a refused form is answered: 400, and the error page shows why.</summary>
public static class PostedForm
{
    /// <summary>Where the error page finds the message for the refusal (see <c>ErrorModel</c>).</summary>
    public const string MessageItem = "Portal.FormRefused";

    public static StatusCodeResult Refuse(HttpContext context, string problem)
    {
        context.Items[MessageItem] = problem + "请刷新页面后重新填写；如页面未作改动仍出现此提示，请联系系统管理员。";
        return new StatusCodeResult(StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// A form the framework cannot read (a NUL or a broken escape in a value, more fields or bytes than its limits) is
    /// refused with a 400 before any page reads it; left to the antiforgery check or the model binder it is a 500, and
    /// the error page re-reading it fails again. Placed after authorisation, so that only a caller allowed to post
    /// makes the form be read.
    /// </summary>
    public static IApplicationBuilder UseReadableForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.HasFormContentType && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            try { await context.Request.ReadFormAsync(context.RequestAborted); }
            catch (InvalidDataException)
            {
                context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(FormCollection.Empty));
                Refuse(context, "提交的表单无法读取（含有无效字符，或超过了字段数量、大小的限制）。");
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next();
    });
}
