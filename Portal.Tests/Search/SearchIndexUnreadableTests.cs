using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Pages.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>An index that cannot be read (here: closed under the portal) gives the page and the API a message, not a 500.</summary>
public class SearchIndexUnreadableTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SearchPage_AndApi_SayTheIndexCannotBeRead_InsteadOfFailing()
    {
        var client = await factory.SignInAsync("demo.staff");
        Assert.Null((await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("工作"))).QuerySelector("#search-message"));

        factory.Services.GetRequiredService<SearchIndexFollower>().Engine.Dispose();

        var page = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("工作"));
        Assert.Equal(SearchService.IndexUnreadable, page.QuerySelector("#search-message")?.TextContent.Trim());
        var api = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("工作"));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal(SearchService.IndexUnreadable, json.RootElement.GetProperty("message").GetString());
    }
}
