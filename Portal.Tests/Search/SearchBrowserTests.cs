using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.Browser;

namespace Portal.Tests.Search;

[Collection(BrowserCollection.Name)]
public class SearchBrowserTests(PortalServerFixture portal)
{
    private static int Total(string? summary) => int.Parse(Regex.Match(summary ?? "", @"找到(?:超过)?\s*(\d+)\s*条").Groups[1].Value);

    [BrowserFact]
    public Task Query_ShowsMarkedSnippets_AndAFacetNarrowsTheResults() => portal.RunAsync(nameof(Query_ShowsMarkedSnippets_AndAFacetNarrowsTheResults), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Search", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.FillAsync("#search-q", "督查");
        await page.PressAsync("#search-q", "Enter");
        await page.WaitForURLAsync(u => u.Contains("q="), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.WaitForSelectorAsync("#results .search-result");

        var marks = await page.Locator("#results .snippet mark").AllTextContentsAsync();
        Assert.NotEmpty(marks);
        Assert.Contains(marks, m => m.Contains("督查"));
        var before = Total(await page.TextContentAsync("#search-summary"));

        // The type facet's first value, with its count: clicking it keeps the query and shows only that type.
        var facet = page.Locator("#facet-type .facet-link").First;
        var type = (await facet.TextContentAsync())!.Trim();
        var count = int.Parse((await page.Locator("#facet-type .facet-count").First.TextContentAsync())!.Trim('(', ')', ' '));
        Assert.True(count < before, $"the facet {type} ({count}) narrows {before} results");
        await facet.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("type="), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.WaitForSelectorAsync("#results .search-result");

        Assert.Equal(count, Total(await page.TextContentAsync("#search-summary")));
        Assert.Equal("督查", await page.InputValueAsync("#search-q"));
        Assert.Contains(type, await page.TextContentAsync("#facet-type .facet-active"));
        var metas = await page.Locator("#results .result-meta").AllTextContentsAsync();
        Assert.All(metas, m => Assert.StartsWith(type, m.Trim()));
        Assert.NotEmpty(await page.Locator("#results .snippet mark").AllTextContentsAsync());
        Assert.Empty(portal.ExternalRequests);
    });
}
