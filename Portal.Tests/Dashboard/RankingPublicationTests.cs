using Portal.Pages.Standing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

/// <summary>Staff choose which rankings every unit sees on 本单位统计: ranks only, and the choice is audited.</summary>
public class RankingPublicationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PublishedRanking_ShowsEveryUnitsRank_ButNoOtherFigures_AndCanBeWithdrawn()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var liaison = await factory.SignInAsync("demo.liaison");
        Assert.Null((await liaison.GetDocumentAsync("/Standing")).QuerySelector("#published-submission-ranks"));

        var staff = await factory.SignInAsync("demo.staff");
        var response = await staff.PostFormAsync($"/Standing/Publish?year={year}", new Dictionary<string, string>
        {
            ["Year"] = year.ToString(), ["Submissions"] = "true",
        }, formSelector: "#publish-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(factory.Db(db => db.AuditEntries.Select(a => a.Action).ToList()), a => a == "ranking.publish");

        var page = await liaison.GetDocumentAsync("/Standing");
        var rows = page.QuerySelectorAll("#published-submission-ranks tr");
        var ranking = await staff.GetDocumentAsync($"/Submissions/Statistics?period.kind=year&period.year={year}");
        var ranked = ranking.QuerySelectorAll("#ranking tbody tr").Where(r => r.QuerySelector(".rank")!.TextContent.Trim() != "—").ToList();
        Assert.Equal(ranked.Count, rows.Length);
        Assert.All(rows, r => Assert.Equal(2, r.Children.Length));          // rank and name only
        Assert.Null(page.QuerySelector("#published-supervision-ranks"));

        await staff.PostFormAsync($"/Standing/Publish?year={year}", new Dictionary<string, string> { ["Year"] = year.ToString() }, formSelector: "#publish-form");
        Assert.Null((await liaison.GetDocumentAsync("/Standing")).QuerySelector("#published-submission-ranks"));
    }
}
