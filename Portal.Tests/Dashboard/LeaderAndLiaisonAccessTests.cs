using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

/// <summary>Leaders read what their dashboard shows, without edit controls; liaisons see their own unit's standing only.</summary>
public class LeaderAndLiaisonAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Leader_OpensTheOverdueTasks_AndTheItems_WithoutEditControls_AndPostsAreRefused()
    {
        var leader = await factory.SignInAsync("demo.leader");
        var dashboard = await leader.GetDocumentAsync("/Dashboard");
        var ledger = await leader.GetDocumentAsync(dashboard.QuerySelector("#kpi-overdue-link")!.GetAttribute("href")!);
        Assert.Null(ledger.QuerySelector("#create-task"));
        var taskId = factory.Db(db => db.Set<SupervisionTask>().AsNoTracking().Where(t => t.Status != SupervisionStatus.Closed && t.Status != SupervisionStatus.Registered)
            .Select(t => t.Id).First());
        var task = await leader.GetDocumentAsync($"/Supervision/Task/{taskId}");
        Assert.Empty(task.QuerySelectorAll("form[method=post]:not(#logout-form)"));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Supervision/Reminders")).StatusCode);

        var submissionId = factory.Db(db => db.Set<Submission>().AsNoTracking().Select(s => s.Id).First());
        var item = await leader.GetDocumentAsync($"/Submissions/Details/{submissionId}");
        Assert.Null(item.QuerySelector("#edit-link"));
        Assert.Null(item.QuerySelector("#review-link"));
        var list = await leader.GetDocumentAsync("/Submissions");
        Assert.Null(list.QuerySelector("#new-submission"));
        Assert.NotEmpty(list.QuerySelectorAll("#submissions tbody tr[data-id]"));

        var token = await leader.AntiforgeryTokenAsync("/Dashboard");
        var before = factory.Db(db => db.Set<ProgressReport>().Count());
        var post = await leader.PostAsync($"/Supervision/Task/{taskId}?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Report.ReportedOn"] = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"), ["Report.Text"] = "领导代报",
        }));
        Assert.True(post.StatusCode == HttpStatusCode.Forbidden || post.Headers.Location?.ToString().Contains("AccessDenied") == true);
        Assert.Equal(before, factory.Db(db => db.Set<ProgressReport>().Count()));
    }

    [Fact]
    public async Task Liaison_SeesTheirUnitsStanding_OnTheHomePageAndTheStandingPage_AndNoOtherUnitsFigures()
    {
        var liaison = await factory.SignInAsync("demo.liaison");
        var unitName = factory.Db(db => db.Users.Where(x => x.UserName == "demo.liaison").Select(x => x.Unit!.Name).Single());
        var page = await liaison.GetDocumentAsync("/Standing");
        var year = DateTime.UtcNow.AddHours(8).Year;

        // The same figures as the staff's statistics, for this unit.
        var staff = await factory.SignInAsync("demo.staff");
        var ranking = await staff.GetDocumentAsync($"/Submissions/Statistics?period.kind=year&period.year={year}");
        var mine = ranking.QuerySelectorAll("#ranking tbody tr").Single(r => r.Children[1].TextContent.Trim() == unitName);
        Assert.Equal(mine.QuerySelector(".rank")!.TextContent.Trim(), page.TextOf("#standing-information-rank"));
        Assert.Contains($"得分 {mine.QuerySelector(".points")!.TextContent.Trim()}", page.TextOf("#standing-information"));
        var statistics = await staff.GetDocumentAsync($"/Supervision/Statistics?kind=year&year={year}");
        var supRow = statistics.QuerySelectorAll("#unit-rates tbody tr").Single(r => r.Children[1].TextContent.Trim() == unitName);
        Assert.Contains($"办结率 {supRow.QuerySelector(".completion-rate")!.TextContent.Trim()}", page.TextOf("#standing-supervision"));
        Assert.Equal(supRow.Children[7].TextContent.Trim(), page.TextOf("#standing-overdue"));
        Assert.NotEmpty(page.TextOf("#standing-evaluation"));

        // No other unit's name appears (no ranking is published by default).
        var others = factory.Db(db => db.Units.Where(u => u.Name != unitName && u.IsActive).Select(u => u.Name).ToList());
        var text = page.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain(others, o => text.Contains(o));

        var home = await liaison.GetDocumentAsync("/");
        Assert.Equal(page.TextOf("#standing-information"), home.TextOf("#standing-information"));
        Assert.Equal(page.TextOf("#standing-supervision"), home.TextOf("#standing-supervision"));
    }

    [Fact]
    public async Task Dashboard_KeepsTheScoredAnnualRound_WhenAnUnscoredRoundOverlapsTheYear_AndOffersTheOthers()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var unscored = await factory.WithScopeAsync(async sp => (await sp.GetRequiredService<EvaluationService>()
            .CreateAsync(new NewRoundInput($"{year}年下半年专项考评", new DateOnly(year, 6, 1), new DateOnly(year + 1, 3, 31), null))).Id);
        var leader = await factory.SignInAsync("demo.leader");
        var page = await leader.GetDocumentAsync("/Dashboard");
        Assert.Equal($"{year}年度全市政府系统办公室工作考评", page.TextOf("#round-link"));
        Assert.Contains($"{year}年度全市政府系统办公室工作考评", (await leader.GetDocumentAsync("/")).TextOf("#attention-leader"));
        Assert.Null(page.QuerySelector($"#round-form option[value='{unscored}']"));
        // The previous year's (published) round is offered for the year before, and can be chosen by id.
        var previousYear = await leader.GetDocumentAsync($"/Dashboard?Q.Kind=year&Q.Year={year - 1}");
        Assert.Equal($"{year - 1}年度全市政府系统办公室工作考评", previousYear.TextOf("#round-link"));
    }
}
