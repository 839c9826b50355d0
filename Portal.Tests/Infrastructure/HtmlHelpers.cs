using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Reads pages the way a browser would (AngleSharp) and posts real forms, antiforgery token included.
/// </summary>
public static class HtmlHelpers
{
    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await response.ReadDocumentAsync();
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(req => req.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    /// <summary>GETs <paramref name="url"/>, takes the antiforgery token from its first form (or the form matching
    /// <paramref name="formSelector"/>), and posts <paramref name="fields"/> to <paramref name="action"/> (default: the form's action).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields,
        string? action = null, string formSelector = "form[method=post]:not(#logout-form)")
    {
        var page = await client.GetDocumentAsync(url);
        var form = page.QuerySelectorAll<IHtmlFormElement>(formSelector).FirstOrDefault(f => f.QuerySelector("input[name=__RequestVerificationToken]") is not null)
                   ?? throw new InvalidOperationException($"no form with an antiforgery token on {url}");
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
        };
        var target = action ?? (string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!);
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>The antiforgery token of any page with a form (for tests that build their own post).</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        return page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
               ?? throw new InvalidOperationException($"no antiforgery token on {url}");
    }

    public static string TextOf(this IDocument doc, string selector) =>
        doc.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"no element {selector}");
}
