using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Security;

/// <summary>One thing a client can call: a page handler (GET/POST, named or not) or another routed endpoint.</summary>
/// <param name="Page">The page's view path (<c>/Submissions/Details</c>), or the route of a non-page endpoint.</param>
/// <param name="Handler">The handler name (<c>OnGetAttachmentAsync</c> → <c>Attachment</c>), empty for the default one.</param>
/// <param name="Routes">The page's route templates with parameters written <c>{}</c> (an index page has two).</param>
public sealed record EndpointHandler(string Method, string Page, string Handler, IReadOnlyList<string> Routes)
{
    public string Key => Handler.Length == 0 ? $"{Method} {Page}" : $"{Method} {Page}?handler={Handler}";
    public override string ToString() => Key;
}

/// <summary>
/// The application's own list of what can be called, read from the running portal: the routed endpoints
/// (<see cref="EndpointDataSource"/>) and, for each page, the handler methods Razor Pages found on its model.
/// </summary>
public static class EndpointCatalog
{
    public static async Task<List<EndpointHandler>> ReadAsync(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var loader = services.GetRequiredService<PageLoader>();
        var result = new List<EndpointHandler>();
        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                     .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            var descriptor = page.First().Metadata.GetMetadata<PageActionDescriptor>()!;
            var compiled = await loader.LoadAsync(descriptor, page.First().Metadata);
            var routes = page.Select(e => Canonical(e.RoutePattern)).Distinct().ToList();
            foreach (var h in compiled.HandlerMethods)
                result.Add(new EndpointHandler(h.HttpMethod.ToUpperInvariant(), page.Key, h.Name ?? "", routes));
            // A page without a model (or without handler methods) still answers GET.
            if (compiled.HandlerMethods.Count == 0) result.Add(new EndpointHandler("GET", page.Key, "", routes));
        }
        foreach (var e in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var route = Canonical(e.RoutePattern);
            foreach (var m in methods) result.Add(new EndpointHandler(m, route, "", [route]));
        }
        return result.OrderBy(h => h.Page, StringComparer.Ordinal).ThenBy(h => h.Method).ThenBy(h => h.Handler).ToList();
    }

    /// <summary>A route with its parameters blanked: <c>Submissions/Details/{id:int}</c> → <c>/Submissions/Details/{}</c>.</summary>
    public static string Canonical(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart => "{}",
            _ => "",
        }))));

    /// <summary>The same for a path written in the matrix (<c>/Submissions/Details/{submissionA}</c>).</summary>
    public static string Canonical(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]*\\}", "{}");
}
