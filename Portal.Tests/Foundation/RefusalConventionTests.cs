using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

/// <summary>
/// One command convention (style habit 4): a refused rule shows the page again with its Chinese message in the status
/// partial and keeps what was typed; a missing object is 404; a forbidden action is 403; a page without a view of its own
/// goes back to the page the form came from, with the message.
/// </summary>
public class RefusalConventionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private int UnitAt(int index) => factory.Db(db => db.Units.OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Skip(index).Select(u => u.Id).First());

    private int NewTask(int lead, int[] co) => factory.Db(db =>
    {
        var t = SupervisionTask.Register("约〔" + Guid.NewGuid().ToString("N")[..8] + "〕号", TaskSource.LeaderInstruction, null, "约定测试" + Guid.NewGuid().ToString("N")[..6],
            "要求", lead, co, Today.AddDays(-10), Today.AddDays(20), TaskPriority.Normal, "test", DateTime.UtcNow);
        t.Assign(Today.AddDays(-10), "test", DateTime.UtcNow);
        db.Add(t);
        db.SaveChanges();
        return t.Id;
    });

    [Fact]
    public async Task RefusedRule_ShowsThePageAgain_WithTheMessage_AndKeepsWhatWasTyped()
    {
        var id = NewTask(UnitAt(1), new[] { UnitAt(0) });
        var client = await factory.SignInAsync("demo.liaison");
        var response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Report.ReportedOn"] = Today.ToString("yyyy-MM-dd"),
            ["Report.Text"] = "协办单位的进展，写了很长一段",
            ["Report.RequestClose"] = "true",
        }, formSelector: "#report-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("只有牵头单位可以申请办结", page.TextOf("#error #errors"));
        Assert.Equal("协办单位的进展，写了很长一段", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Report.Text']")!.Value);
        Assert.Empty(factory.Db(db => db.Set<ProgressReport>().Where(r => r.TaskId == id).ToList()));
    }

    [Fact]
    public async Task RefusedRule_OnACommandPageWithoutAView_GoesBackWithTheMessage()
    {
        var id = NewTask(UnitAt(2), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Extend.NewDeadline"] = Today.ToString("yyyy-MM-dd"), ["Extend.Reason"] = "工作量大", ["Extend.Approver"] = "秘书长",
        }, formSelector: "#extend-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"/Supervision/Task/{id}", response.Headers.Location!.ToString());
        var page = await client.GetDocumentAsync(response.Headers.Location!.ToString());
        Assert.Contains("延期后的期限必须晚于当前期限", page.TextOf("#error"));
        // What was typed is shown again in the form it came from.
        Assert.Equal("工作量大", page.QuerySelector<IHtmlInputElement>("#Extend_Reason")!.Value);
        Assert.Equal("秘书长", page.QuerySelector<IHtmlInputElement>("#Extend_Approver")!.Value);
        Assert.Equal(Today.AddDays(20), factory.Db(db => db.Set<SupervisionTask>().AsNoTracking().Single(t => t.Id == id).Deadline));
    }

    [Fact]
    public async Task MissingObject_Is404_AndForbiddenAction_Is403()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var token = await staff.AntiforgeryTokenAsync("/Evaluation/Index");
        var lockMissing = await staff.PostAsync("/Evaluation/Manage?handler=Lock&id=999999",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, lockMissing.StatusCode);

        // Staff have no unit: reporting progress is the units' action, refused by the service, not by a page policy.
        var id = NewTask(UnitAt(3), Array.Empty<int>());
        var taskToken = await staff.AntiforgeryTokenAsync($"/Supervision/Task/{id}");
        var report = await staff.PostAsync($"/Supervision/Task/{id}?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = taskToken, ["Report.ReportedOn"] = Today.ToString("yyyy-MM-dd"), ["Report.Text"] = "代报",
        }));
        Assert.True(report.StatusCode == HttpStatusCode.Forbidden
                    || (report.StatusCode == HttpStatusCode.Redirect && report.Headers.Location!.ToString().Contains("AccessDenied")));
        Assert.Empty(factory.Db(db => db.Set<ProgressReport>().Where(r => r.TaskId == id).ToList()));
    }
}
