using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

/// <summary>The home page of each role shows what needs attention.</summary>
public class HomeAttentionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Liaison_SeesOpenTasksAndReturnedSubmissions_NotTheStaffQueue()
    {
        var page = await (await factory.SignInAsync("demo.liaison")).GetDocumentAsync("/");
        Assert.NotNull(page.QuerySelector("#attention-liaison"));
        Assert.Null(page.QuerySelector("#attention-staff"));
        Assert.Null(page.QuerySelector("#attention-leader"));
        // The same tasks in the same order (red, then yellow, then the nearest deadline) as 本单位事项's open list, cut short.
        var client = await factory.SignInAsync("demo.liaison");
        var home = await client.GetDocumentAsync("/");
        var mine = await client.GetDocumentAsync("/Supervision/Mine");
        var open = int.Parse(mine.TextOf("#open-count"));
        Assert.True(open > 0);
        Assert.Equal(open, int.Parse(home.TextOf("#my-open-count")));
        static List<string> Links(AngleSharp.Dom.IElement? scope) =>
            scope!.QuerySelectorAll("a[href^='/Supervision/Task']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        var shown = Links(home.QuerySelector("#attention-liaison"));
        Assert.NotEmpty(shown);
        Assert.Equal(Links(mine.QuerySelector("#open-count")!.Closest("h2")!.NextElementSibling).Take(shown.Count), shown);
    }

    [Fact]
    public async Task Staff_SeesTheReviewQueueAndOverdueTasks()
    {
        var page = await (await factory.SignInAsync("demo.staff")).GetDocumentAsync("/");
        Assert.NotNull(page.QuerySelector("#attention-staff"));
        var overdue = int.Parse(page.TextOf("#overdue-count"));
        Assert.True(overdue > 0);
        var ledger = await (await factory.SignInAsync("demo.staff")).GetDocumentAsync("/Supervision?Warning=Red");
        Assert.Equal(overdue, int.Parse(ledger.TextOf("#total")));
        Assert.Null(page.QuerySelector("#attention-liaison"));
    }

    [Fact]
    public async Task Leader_SeesTheDashboardSummary()
    {
        var page = await (await factory.SignInAsync("demo.leader")).GetDocumentAsync("/");
        Assert.Contains("前三名", page.TextOf("#attention-leader"));
        Assert.Null(page.QuerySelector("#attention-staff"));
    }
}
