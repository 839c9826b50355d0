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
            await page.WaitForURLAsync(u => u.Contains("/Submissions/Statistics"));

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
}
