using Microsoft.Playwright;

namespace Portal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class DashboardBrowserTests(PortalServerFixture portal)
{
    [BrowserFact]
    public Task Dashboard_RendersItsCharts_WithDemoData_AndSavesAScreenshot() => portal.RunAsync(nameof(Dashboard_RendersItsCharts_WithDemoData_AndSavesAScreenshot), async page =>
    {
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.SetViewportSizeAsync(1366, 900);
        await portal.SignInAsync(page, "demo.leader");
        await page.GotoAsync(portal.BaseUrl + "/Dashboard");
        await page.WaitForSelectorAsync("body[data-charts-rendered='4']");

        foreach (var id in new[] { "chart-ranking", "chart-breakdown", "chart-trend", "chart-rates" })
        {
            var size = await page.EvalOnSelectorAsync<int[]>($"#{id}", "c => [c.width, c.height]");
            Assert.True(size[0] > 100 && size[1] > 100, $"{id}: {size[0]}×{size[1]}");
            // Something was drawn: the canvas is not blank.
            var painted = await page.EvalOnSelectorAsync<bool>($"#{id}",
                "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false; }");
            Assert.True(painted, id + " is blank");
        }
        Assert.Empty(errors);
        Assert.Empty(portal.ExternalRequests);

        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);

        // A click on a ranking bar drills down to that unit.
        var box = (await page.Locator("#chart-ranking").BoundingBoxAsync())!;
        var bar = await page.EvalOnSelectorAsync<double[]>("#chart-ranking",
            "c => { const e = Chart.getChart(c).getDatasetMeta(0).data[0]; return [(e.x + e.base) / 2, e.y]; }");
        await page.Mouse.ClickAsync((float)(box.X + bar[0]), (float)(box.Y + bar[1]));
        await page.WaitForURLAsync(u => u.Contains("/Dashboard/Unit"));
        await page.WaitForSelectorAsync("body[data-charts-rendered='1']");

        // Printed on A4, the charts still fit the paper.
        await page.GotoAsync(portal.BaseUrl + "/Dashboard");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("#period-form"));
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 10_000);
    });
}
