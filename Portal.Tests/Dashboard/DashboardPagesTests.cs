using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

public class DashboardPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("demo.leader")]
    [InlineData("demo.staff")]
    [InlineData("demo.admin")]
    public async Task Readers_SeeTheDashboard_WithRankingsAndCharts(string user)
    {
        var client = await factory.SignInAsync(user);
        var page = await client.GetDocumentAsync("/Dashboard");
        Assert.Equal(5, page.QuerySelectorAll("#top-units tr").Length);
        Assert.NotEmpty(page.QuerySelectorAll("#bottom-units tr"));
        foreach (var id in new[] { "chart-ranking", "chart-breakdown", "chart-trend", "chart-rates" })
        {
            var spec = JsonDocument.Parse(page.QuerySelector($"canvas#{id}")!.GetAttribute("data-chart")!).RootElement;
            Assert.True(spec.GetProperty("labels").GetArrayLength() > 0, id);
        }
        // No forms that change anything: the dashboard is read-only (the period selector is a GET).
        Assert.Empty(page.QuerySelectorAll("form[method=post]:not(#logout-form)"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task PeriodSelector_Month_AndBadValues_GiveAChineseMessage()
    {
        var client = await factory.SignInAsync("demo.leader");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var month = await client.GetDocumentAsync($"/Dashboard?Q.Kind=month&Q.Year={year}&Q.Number=3");
        Assert.Contains($"{year}年3月", month.TextOf("#period-label"));
        var bad = await client.GetAsync("/Dashboard?Q.Kind=month&Q.Year=1800&Q.Number=13");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("统计期间无效", (await bad.ReadDocumentAsync()).TextOf("#period-error"));
    }

    [Fact]
    public async Task UnitLink_DrillsDownToTheUnitsDetails()
    {
        var client = await factory.SignInAsync("demo.leader");
        var page = await client.GetDocumentAsync("/Dashboard");
        var link = page.QuerySelector("#top-units a")!;
        var unit = await client.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Contains(link.TextContent.Trim(), unit.TextOf("#unit-name"));
        Assert.NotEmpty(unit.QuerySelectorAll("#unit-scores tbody tr"));
        Assert.Contains("交办", unit.TextOf("#unit-supervision"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Dashboard/Unit?id=99999")).StatusCode);
    }
}
