using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Supervision;

/// <summary>Who may see and do what: liaisons only reach their unit's tasks and cannot close them; ids typed in are 404.</summary>
public class SupervisionAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private int UnitAt(int index) => factory.Db(db => db.Units.OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Skip(index).Select(u => u.Id).First());

    private int NewTask(int lead, int[] co, bool assign = true, TaskSource source = TaskSource.LeaderInstruction)
    {
        return factory.Db(db =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var t = SupervisionTask.Register("测〔" + Guid.NewGuid().ToString("N")[..8] + "〕号", source, "测试文号", "测试事项" + Guid.NewGuid().ToString("N")[..6], "要求",
                lead, co, today.AddDays(-10), today.AddDays(20), TaskPriority.Normal, "test", DateTime.UtcNow);
            if (assign) t.Assign(today.AddDays(-10), "test", DateTime.UtcNow);
            db.Add(t);
            db.SaveChanges();
            return t.Id;
        });
    }

    private SupervisionTask Load(int id) => factory.Db(db => db.Set<SupervisionTask>().Include(t => t.Reports).AsNoTracking().First(t => t.Id == id));

    private static bool Denied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Forbidden ||
        (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("AccessDenied"));

    [Fact]
    public async Task Ledger_ForLiaison_ListsOnlyTasksOfTheirUnit()
    {
        var mine = UnitAt(0);
        var own = NewTask(mine, Array.Empty<int>());
        var co = NewTask(UnitAt(5), new[] { mine });
        var other = NewTask(UnitAt(1), new[] { UnitAt(2) });
        var registered = NewTask(mine, Array.Empty<int>(), assign: false);
        var client = await factory.SignInAsync("demo.liaison");
        var page = await client.GetDocumentAsync("/Supervision");
        var ids = page.QuerySelectorAll("tr[data-task-id]").Select(tr => int.Parse(tr.GetAttribute("data-task-id")!)).ToList();
        Assert.Contains(own, ids);
        Assert.Contains(co, ids);
        Assert.DoesNotContain(other, ids);
        Assert.DoesNotContain(registered, ids);
        var allowed = factory.Db(db => db.Set<SupervisionTask>()
            .Where(t => t.LeadUnitId == mine || t.CoUnits.Any(c => c.UnitId == mine)).Select(t => t.Id).ToList());
        Assert.All(ids, id => Assert.Contains(id, allowed));
        // Filtering by another unit in the URL does not widen the scope.
        var filtered = await client.GetDocumentAsync($"/Supervision?unitId={UnitAt(1)}");
        Assert.DoesNotContain(filtered.QuerySelectorAll("tr[data-task-id]"), tr => tr.GetAttribute("data-task-id") == other.ToString());
    }

    [Fact]
    public async Task TaskPage_OfAnotherUnit_Is404_ForLiaison()
    {
        var other = NewTask(UnitAt(1), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.liaison");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Supervision/Task/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Supervision/Task/999999")).StatusCode);
    }

    [Fact]
    public async Task Report_ByLeadLiaison_IsSaved_AndMovesTaskInProgress()
    {
        var id = NewTask(UnitAt(0), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.liaison");
        var response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Report.ReportedOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
            ["Report.Text"] = "已召开专题会议部署。",
        }, formSelector: "#report-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var task = Load(id);
        Assert.Single(task.Reports);
        Assert.Equal(SupervisionStatus.InProgress, task.Status);
    }

    [Fact]
    public async Task Report_PostedToAnotherUnitsTask_Is404_AndChangesNothing()
    {
        var own = NewTask(UnitAt(0), Array.Empty<int>());
        var other = NewTask(UnitAt(1), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.liaison");
        var token = await client.AntiforgeryTokenAsync($"/Supervision/Task/{own}");
        var response = await client.PostAsync($"/Supervision/Task/{other}?handler=Report", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Report.ReportedOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
            ["Report.Text"] = "越权报送",
        }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Load(other).Reports);
        Assert.Equal(SupervisionStatus.Assigned, Load(other).Status);
    }

    [Fact]
    public async Task CoUnitLiaison_Reports_ButCannotRequestClosure()
    {
        var id = NewTask(UnitAt(1), new[] { UnitAt(0) });
        var client = await factory.SignInAsync("demo.liaison");
        var page = await client.GetDocumentAsync($"/Supervision/Task/{id}");
        Assert.Null(page.QuerySelector("#Report_RequestClose"));
        var response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Report.ReportedOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
            ["Report.Text"] = "协办单位申请办结",
            ["Report.RequestClose"] = "true",
        }, formSelector: "#report-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("只有牵头单位可以申请办结", await response.Content.ReadAsStringAsync());
        Assert.Empty(Load(id).Reports);
    }

    [Fact]
    public async Task Liaison_CannotClose_ExtendOrSendBack_EvenTheirOwnTask()
    {
        var id = NewTask(UnitAt(0), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.liaison");
        var token = await client.AntiforgeryTokenAsync($"/Supervision/Task/{id}");
        var page = await client.GetDocumentAsync($"/Supervision/Task/{id}");
        Assert.Null(page.QuerySelector("#close-form"));
        foreach (var (handler, fields) in new[]
                 {
                     ("Close", new Dictionary<string, string> { ["Close.ClosedOn"] = "2026-01-01", ["Close.Result"] = "自行办结" }),
                     ("Extend", new Dictionary<string, string> { ["Extend.NewDeadline"] = "2030-01-01", ["Extend.Reason"] = "r", ["Extend.Approver"] = "a" }),
                     ("Assign", new Dictionary<string, string>()),
                 })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await client.PostAsync($"/Supervision/Manage/{id}?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.True(Denied(response), $"{handler}: {(int)response.StatusCode}");
        }
        var task = Load(id);
        Assert.Equal(SupervisionStatus.Assigned, task.Status);
        Assert.Equal(task.OriginalDeadline, task.Deadline);
        Assert.False((await client.GetAsync("/Supervision/Create")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Staff_ClosesTask_ThenReopensIt_WithAReason()
    {
        var id = NewTask(UnitAt(3), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.staff");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        var response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Close.ClosedOn"] = today,
            ["Close.Result"] = "已按要求办结",
        }, formSelector: "#close-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SupervisionStatus.Closed, Load(id).Status);
        var closed = await client.GetDocumentAsync($"/Supervision/Task/{id}");
        Assert.Null(closed.QuerySelector("#sendback-form")); // 退回 is for a request to close, not for a closed task
        Assert.Null(closed.QuerySelector("#urge-form"));
        Assert.Equal("确定撤销办结、恢复为办理中吗？", closed.QuerySelector("#reopen-form button")!.GetAttribute("data-confirm"));
        response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string> { ["Reopen.Reason"] = "" }, formSelector: "#reopen-form");
        Assert.Contains("请填写撤销办结的理由", (await client.GetDocumentAsync(response.Headers.Location!.ToString())).TextOf("#error"));
        Assert.Equal(SupervisionStatus.Closed, Load(id).Status);
        response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string> { ["Reopen.Reason"] = "群众仍有反映" }, formSelector: "#reopen-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync($"/Supervision/Task/{id}");
        Assert.Contains("撤销办结：群众仍有反映", System.Text.RegularExpressions.Regex.Replace(page.TextOf("#timeline"), "\\s+", ""));
        Assert.Equal("supervision.reopen", factory.Db(db => db.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderByDescending(a => a.Id).Select(a => a.Action).First()));
        var task = Load(id);
        Assert.Equal(SupervisionStatus.InProgress, task.Status);
        Assert.Null(task.ClosedOn);
    }

    [Fact]
    public async Task Staff_InvalidExtension_ShowsChineseMessage_AndChangesNothing()
    {
        var id = NewTask(UnitAt(3), Array.Empty<int>());
        var before = Load(id).Deadline;
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Extend.NewDeadline"] = before.AddDays(-1).ToString("yyyy-MM-dd"),
            ["Extend.Reason"] = "理由",
            ["Extend.Approver"] = "批准人",
        }, formSelector: "#extend-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync(response.Headers.Location!.ToString());
        Assert.Contains("延期后的期限必须晚于当前期限", page.TextOf("#error"));
        Assert.Equal(before, Load(id).Deadline);
    }

    [Fact]
    public async Task Staff_CreatesTask_WithAutomaticCode()
    {
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.PostFormAsync("/Supervision/Create", new Dictionary<string, string>
        {
            ["Input.Source"] = "StandingMeeting",
            ["Input.SourceRef"] = "市政府第41次常务会议",
            ["Input.Title"] = "研究城区停车难问题",
            ["Input.Requirements"] = "一个月内提出方案",
            ["Input.LeadUnitId"] = UnitAt(8).ToString(),
            ["Input.CoUnitIds"] = UnitAt(9).ToString(),
            ["Input.AssignedOn"] = "2026-11-01",
            ["Input.Deadline"] = "2026-12-01",
            ["Input.Priority"] = "Urgent",
            ["Input.AssignNow"] = "true",
        }, formSelector: "#create-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var task = factory.Db(db => db.Set<SupervisionTask>().Include(t => t.CoUnits).First(t => t.Title == "研究城区停车难问题"));
        Assert.StartsWith("督〔2026〕", task.Code);
        Assert.Equal(SupervisionStatus.Assigned, task.Status);
        Assert.Equal(TaskPriority.Urgent, task.Priority);
        Assert.Single(task.CoUnits);
    }

    [Fact]
    public async Task Attachment_IsStoredOutsideWebRoot_AndOnlyReachableByInvolvedUnits()
    {
        var id = NewTask(UnitAt(0), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.liaison");
        var token = await client.AntiforgeryTokenAsync($"/Supervision/Task/{id}");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd")), "Report.ReportedOn" },
            { new StringContent("附整改报告"), "Report.Text" },
        };
        var file = new ByteArrayContent("%PDF-1.7 整改报告正文"u8.ToArray()); // the store checks that a .pdf starts like one
        form.Add(file, "Attachment", "../整改报告.pdf");
        var response = await client.PostAsync($"/Supervision/Task/{id}?handler=Report", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var report = Load(id).Reports.Single();
        Assert.Equal("整改报告.pdf", report.AttachmentName);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", report.AttachmentStoredName!);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "attachments", "supervision", report.AttachmentStoredName!)));

        var download = await client.GetAsync($"/Supervision/Task/{id}?handler=Attachment&reportId={report.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("%PDF-1.7 整改报告正文", await download.Content.ReadAsStringAsync());

        var other = await factory.SignInAsync("demo.liaison2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Supervision/Task/{id}?handler=Attachment&reportId={report.Id}")).StatusCode);
    }

    [Fact]
    public async Task Attachment_OfForbiddenType_IsRefused()
    {
        var id = NewTask(UnitAt(0), Array.Empty<int>());
        var client = await factory.SignInAsync("demo.liaison");
        var token = await client.AntiforgeryTokenAsync($"/Supervision/Task/{id}");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd")), "Report.ReportedOn" },
            { new StringContent("附件"), "Report.Text" },
            { new ByteArrayContent("MZ"u8.ToArray()), "Attachment", "tool.exe" },
        };
        var response = await client.PostAsync($"/Supervision/Task/{id}?handler=Report", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("附件类型不允许", await response.Content.ReadAsStringAsync());
        Assert.Empty(Load(id).Reports);
    }

    [Fact]
    public async Task Statistics_AreForReaders_LeadersReadTheLedger_ButNotTheUnitsPages()
    {
        var leader = await factory.SignInAsync("demo.leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Supervision")).StatusCode);
        Assert.True(Denied(await leader.GetAsync("/Supervision/Mine")));
        Assert.True(Denied(await leader.GetAsync("/Supervision/Create")));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Supervision/Statistics")).StatusCode);
        var liaison = await factory.SignInAsync("demo.liaison");
        Assert.True(Denied(await liaison.GetAsync("/Supervision/Statistics")));
        Assert.Equal(HttpStatusCode.OK, (await liaison.GetAsync("/Supervision/Mine")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await liaison.GetAsync("/Supervision/Reminders")).StatusCode);
    }

    [Fact]
    public void DemoData_HasAYearOfTasks_WithOnTimeLateOverdueAndOpen()
    {
        var tasks = factory.Db(db => db.Set<SupervisionTask>().AsNoTracking().Where(t => !t.Code.StartsWith("测")).ToList());
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.True(tasks.Count >= 100);
        Assert.True(tasks.Min(t => t.AssignedOn) <= today.AddDays(-360));
        Assert.Contains(tasks, t => DeadlineRules.ClosedOnTime(t.ClosedOn, t.OriginalDeadline));
        Assert.Contains(tasks, t => DeadlineRules.ClosedLate(t.ClosedOn, t.OriginalDeadline));
        Assert.Contains(tasks, t => t.Status != SupervisionStatus.Registered && DeadlineRules.OverdueOpen(t.IsOpen, t.Deadline, today));
        Assert.Contains(tasks, t => t.IsOpen && t.Deadline >= today);
        Assert.Contains(tasks, t => t.IsExtended);
        Assert.Contains(tasks, t => t.RepliedOn is not null);
    }
}
