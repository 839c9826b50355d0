using Microsoft.Playwright;

namespace Portal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class SubmissionStatisticsBrowserTests(PortalServerFixture portal)
{
    [BrowserFact]
    public Task Leader_SeesTheChartsDrawn_WithoutCspViolations_AndThePrintLayoutHidesTheControls() =>
        portal.RunAsync(nameof(Leader_SeesTheChartsDrawn_WithoutCspViolations_AndThePrintLayoutHidesTheControls), async page =>
        {
            var problems = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") problems.Add(m.Text); };
            page.PageError += (_, e) => problems.Add(e);
            await portal.SignInAsync(page, "demo.leader");
            await page.ClickAsync("#main-menu a:has-text('信息采用排名')");
            // Wait for the page's own content rather than the load event, which a slow subresource can hold back on a loaded machine.
            await page.WaitForURLAsync(u => u.Contains("/Submissions/Statistics"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await page.WaitForFunctionAsync("() => !!(window.Chart && Chart.getChart('chart-monthly') && Chart.getChart('chart-ranking'))");

            // Chart.js drew both charts (they come from our own files, through the data block, no inline script).
            Assert.True(await page.EvaluateAsync<bool>("() => !!(window.Chart && Chart.getChart('chart-monthly') && Chart.getChart('chart-ranking'))"));
            Assert.True(await page.EvaluateAsync<int>("() => Chart.getChart('chart-ranking').data.labels.length") > 0);
            Assert.Empty(problems);

            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            Assert.False(await page.IsVisibleAsync("#period-form"));
            Assert.False(await page.IsVisibleAsync("nav.navbar"));
            Assert.True(await page.IsVisibleAsync("#chart-ranking"));
            Assert.True(await page.IsVisibleAsync("#ranking"));
            var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "statistics-print.png"), FullPage = true });
            Assert.Empty(portal.ExternalRequests);
        });

    [BrowserFact]
    public Task Staff_AdoptsFromTheQueue_InTheBrowser() => portal.RunAsync(nameof(Staff_AdoptsFromTheQueue_InTheBrowser), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Submissions/Review");
        var before = int.Parse((await page.TextContentAsync("#queue-count"))!);
        Assert.True(before > 0);
        var id = await page.GetAttributeAsync("#queue tbody tr:first-child", "data-id");
        await page.ClickAsync("#queue tbody tr:first-child a");
        await page.SelectOptionAsync("#adopt_Level", "Province");
        await page.FillAsync("#adopt_Publication", "省政府办公厅《每日要情》第88期");
        await page.ClickAsync("#adopt-form button[type=submit]");
        // The decision goes on to the next waiting item (下一条); the adopted one shows its adoption.
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("已登记采用");
        await page.GotoAsync(portal.BaseUrl + $"/Submissions/Review/Item/{id}");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已采用");
        await Assertions.Expect(page.Locator("#adoptions")).ToContainTextAsync("省办采用");
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "review-item.png"), FullPage = true });
        await page.GotoAsync(portal.BaseUrl + "/Submissions/Review");
        Assert.Equal(before - 1, int.Parse((await page.TextContentAsync("#queue-count"))!));
    });
}
