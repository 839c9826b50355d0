using Microsoft.Playwright;
using Portal.Tests.Browser;

namespace Portal.Tests.Supervision;

/// <summary>What needs a browser: the charts draw under the CSP (no inline script), from local files only.</summary>
[Collection(BrowserCollection.Name)]
public class SupervisionBrowserTests(PortalServerFixture portal)
{
    [BrowserFact]
    public Task Statistics_DrawTheirCharts_ForALeader_WithoutConsoleErrors() => portal.RunAsync(nameof(Statistics_DrawTheirCharts_ForALeader_WithoutConsoleErrors), async page =>
    {
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await portal.SignInAsync(page, "demo.leader");
        await page.ClickAsync("#main-menu a[href='/Supervision/Statistics']");
        await page.WaitForURLAsync(u => u.Contains("/Supervision/Statistics"));
        foreach (var id in new[] { "chart-completion", "chart-status", "chart-trend" })
        {
            var drawn = await page.EvaluateAsync<bool>($"() => typeof Chart !== 'undefined' && !!Chart.getChart(document.getElementById('{id}'))");
            Assert.True(drawn, id);
        }
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is string dir)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "supervision-statistics.png"), FullPage = true });
        Assert.Empty(errors);
        Assert.Empty(portal.ExternalRequests);
    });

    [BrowserFact]
    public Task Ledger_ShowsWarnings_AndFiltersByOverdue() => portal.RunAsync(nameof(Ledger_ShowsWarnings_AndFiltersByOverdue), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Supervision");
        Assert.True(await page.Locator("tr.warn-red").CountAsync() > 0);
        await page.SelectOptionAsync("select[name=warning]", "Red");
        await page.ClickAsync("#ledger-filter button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("warning=Red"));
        var rows = await page.Locator("tr[data-task-id]").CountAsync();
        Assert.True(rows > 0);
        Assert.Equal(rows, await page.Locator("tr.warn-red").CountAsync());
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is string dir)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "supervision-ledger.png") });
    });
}
