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
        Assert.True(int.Parse(page.TextOf("#my-open-count")) >= 0);
    }

    [Fact]
    public async Task Staff_SeesTheReviewQueueAndOverdueTasks()
    {
        var page = await (await factory.SignInAsync("demo.staff")).GetDocumentAsync("/");
        Assert.NotNull(page.QuerySelector("#attention-staff"));
        Assert.True(int.Parse(page.TextOf("#overdue-count")) > 0);
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
