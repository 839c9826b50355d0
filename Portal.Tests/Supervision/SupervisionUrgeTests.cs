using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Supervision;

/// <summary>
/// 催办: staff urge units from the task page or in a batch from the reminders page; the liaison's home page shows the urge
/// until the unit reports progress; closed tasks, units not on the task, other roles and typed-in ids are refused without a write.
/// </summary>
public class SupervisionUrgeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static DateOnly Today => ShanghaiClock.Today(TimeProvider.System);

    private int Unit(string name) => factory.Db(db => db.Units.Single(u => u.Name == name).Id);
    private int UnitA => Unit("城关区政府办公室");   // demo.liaison
    private int UnitB => Unit("滨江区政府办公室");   // demo.liaison2

    private int NewTask(int lead, int[] co, string title, bool close = false)
    {
        return factory.Db(db =>
        {
            var t = SupervisionTask.Register("催〔" + Guid.NewGuid().ToString("N")[..8] + "〕号", TaskSource.KeyWork, null, title, "要求",
                lead, co, Today.AddDays(-10), Today.AddDays(20), TaskPriority.Normal, "test", DateTime.UtcNow);
            t.Assign(Today.AddDays(-10), "test", DateTime.UtcNow);
            if (close) t.Complete(Today, "已完成", "test", DateTime.UtcNow);
            db.Add(t);
            db.SaveChanges();
            return t.Id;
        });
    }

    private int Urges(int taskId) => factory.Db(db => db.Set<TaskUrge>().Count(u => u.TaskId == taskId));

    /// <summary>Posts a form with repeated fields (several check boxes), with the antiforgery token of <paramref name="tokenPage"/>.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string tokenPage, string url, params (string Key, string Value)[] fields)
    {
        var token = await client.AntiforgeryTokenAsync(tokenPage);
        var pairs = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(pairs));
    }

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\\s+", "");

    [Fact]
    public async Task Urge_FromTaskPage_ShowsOnEachUnitsHomePage_UntilThatUnitReportsProgress()
    {
        var title = "催办测试：背街小巷改造" + Guid.NewGuid().ToString("N")[..6];
        var id = NewTask(UnitA, [UnitB], title);
        var staff = await factory.SignInAsync("demo.staff");
        var form = await staff.GetDocumentAsync($"/Supervision/Task/{id}");
        Assert.NotNull(form.QuerySelector($"#urge-form input[name='Urge.UnitIds'][value='{UnitA}'][checked]"));   // the lead unit is ticked
        Assert.NotNull(form.QuerySelector($"#urge-form input[name='Urge.UnitIds'][value='{UnitB}']:not([checked])"));

        var response = await PostAsync(staff, $"/Supervision/Task/{id}", $"/Supervision/Manage/{id}?handler=Urge",
            ("Urge.UnitIds", UnitA.ToString()), ("Urge.UnitIds", UnitB.ToString()), ("Urge.Message", "请于三日内报送改造进展"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, Urges(id));
        var page = await staff.GetDocumentAsync($"/Supervision/Task/{id}");
        Assert.Equal("已催办。", page.TextOf("#message"));
        var timeline = Flat(page.TextOf("#timeline"));
        Assert.Contains("催办：城关区政府办公室；请于三日内报送改造进展", timeline);
        Assert.Contains("催办：滨江区政府办公室；请于三日内报送改造进展", timeline);
        Assert.Equal("城关区政府办公室、滨江区政府办公室", factory.Db(db => db.AuditEntries.Single(a => a.Action == "supervision.urge" && a.EntityId == id.ToString()).After));
        var audit = await (await factory.SignInAsync("demo.admin")).GetDocumentAsync("/Admin/Audit?kind=supervision");
        Assert.Contains("催办督办事项", audit.Body!.TextContent);

        var a = await factory.SignInAsync("demo.liaison");
        var b = await factory.SignInAsync("demo.liaison2");
        foreach (var (client, url) in new[] { (a, "/"), (a, "/Supervision/Mine"), (b, "/"), (b, "/Supervision/Mine") })
        {
            var home = await client.GetDocumentAsync(url);
            var urge = home.QuerySelector($"#my-urges li.open-urge[data-task-id='{id}']");
            Assert.True(urge is not null, url);
            Assert.Contains(title, urge!.TextContent);
            Assert.Contains("请于三日内报送改造进展", urge.TextContent);
            Assert.Contains(Today.ToString("yyyy-MM-dd"), urge.TextContent);
        }

        // Unit A reports (dated before the urge: what counts is that it was reported after it); only A's urge is answered.
        response = await a.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Report.ReportedOn"] = Today.AddDays(-1).ToString("yyyy-MM-dd"), ["Report.Text"] = "已完成三条小巷的改造。",
        }, formSelector: "#report-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await a.GetDocumentAsync("/")).QuerySelector($"#my-urges li[data-task-id='{id}']"));
        Assert.NotNull((await b.GetDocumentAsync("/")).QuerySelector($"#my-urges li[data-task-id='{id}']"));

        // Urged again after the report: open again for A.
        response = await PostAsync(staff, $"/Supervision/Task/{id}", $"/Supervision/Manage/{id}?handler=Urge", ("Urge.UnitIds", UnitA.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await a.GetDocumentAsync("/")).QuerySelector($"#my-urges li[data-task-id='{id}']"));

        // The ledger counts the task's 催办 (3), and so does the export.
        var ledger = await staff.GetDocumentAsync($"/Supervision?q={Uri.EscapeDataString(title)}");
        Assert.Equal("3", ledger.QuerySelector($"tr[data-task-id='{id}'] td.urge-count")!.TextContent.Trim());
        Assert.Contains("已完成三条小巷的改造", ledger.QuerySelector($"tr[data-task-id='{id}'] td.latest-progress")!.TextContent);
        var export = await staff.GetByteArrayAsync($"/Supervision?handler=Export&columns=all&q={Uri.EscapeDataString(title)}");
        var rows = Portal.Excel.ExcelReader.ReadRows(new MemoryStream(export)).ToList();
        var header = rows.First(r => r.Cells.Values.Any(c => c.Text == SupervisionExcel.HUrges));
        var urgeColumn = header.Cells.Single(c => c.Value.Text == SupervisionExcel.HUrges).Key;
        var taskRow = rows.Single(r => r.Cells.Values.Any(c => c.Text == title));
        Assert.Equal("3", taskRow.Cells[urgeColumn].Text);
    }

    [Fact]
    public async Task Statistics_CountUrgesPerUnit_InThePeriod()
    {
        var id = NewTask(UnitB, [], "统计催办次数" + Guid.NewGuid().ToString("N")[..6]);
        var staff = await factory.SignInAsync("demo.staff");
        var response = await PostAsync(staff, $"/Supervision/Task/{id}", $"/Supervision/Manage/{id}?handler=Urge", ("Urge.UnitIds", UnitB.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var year = Today.Year;
        var expected = factory.Db(db => db.Set<TaskUrge>().Where(u => u.UnitId == UnitB).AsEnumerable().Count(u => u.On.Year == year));
        var total = factory.Db(db => db.Set<TaskUrge>().AsEnumerable().Count(u => u.On.Year == year));
        Assert.True(expected >= 1);
        var stats = await (await factory.SignInAsync("demo.leader")).GetDocumentAsync($"/Supervision/Statistics?kind=year&year={year}");
        Assert.Equal(expected.ToString(), stats.QuerySelector($"#unit-rates tr[data-unit-id='{UnitB}'] td.urge-count")!.TextContent.Trim());
        Assert.Equal(total.ToString(), stats.QuerySelectorAll("#overall-row td").Last().TextContent.Trim());
        Assert.Contains("催办次数", stats.TextOf("#definitions"));

        // The workbook has the same column.
        var workbook = await staff.GetByteArrayAsync($"/Supervision/Statistics?handler=Export&kind=year&year={year}");
        var rows = Portal.Excel.ExcelReader.ReadRows(new MemoryStream(workbook)).ToList();
        var column = rows.SelectMany(r => r.Cells).First(c => c.Value.Text == "催办次数").Key;
        var unitName = factory.Db(db => db.Units.Single(u => u.Id == UnitB).Name);
        Assert.Equal(expected.ToString(), rows.Single(r => r.Cells.Values.Any(c => c.Text == unitName))[column].Text);
        Assert.Equal(total.ToString(), rows.Single(r => r.Cells.Values.Any(c => c.Text == "合计"))[column].Text);
    }

    [Fact]
    public async Task Urge_ClosedTask_OrUnitNotOnTheTask_IsRefused_WithoutAWrite()
    {
        var closed = NewTask(UnitA, [], "已办结的事项" + Guid.NewGuid().ToString("N")[..6], close: true);
        var open = NewTask(UnitA, [], "只有城关区的事项" + Guid.NewGuid().ToString("N")[..6]);
        var staff = await factory.SignInAsync("demo.staff");
        Assert.Null((await staff.GetDocumentAsync($"/Supervision/Task/{closed}")).QuerySelector("#urge-form"));

        var response = await PostAsync(staff, $"/Supervision/Task/{open}", $"/Supervision/Manage/{closed}?handler=Urge", ("Urge.UnitIds", UnitA.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("事项已办结，不能催办。", (await staff.GetDocumentAsync(response.Headers.Location!.ToString())).TextOf("#error"));

        response = await PostAsync(staff, $"/Supervision/Task/{open}", $"/Supervision/Manage/{open}?handler=Urge", ("Urge.UnitIds", UnitB.ToString()), ("Urge.Message", "越权催办"));
        var refused = await staff.GetDocumentAsync(response.Headers.Location!.ToString());
        Assert.Contains("只能催办本事项的牵头单位或协办单位。", refused.TextOf("#error"));
        Assert.Equal("越权催办", refused.QuerySelector("#Urge_Message")!.TextContent);   // nothing typed is lost

        response = await PostAsync(staff, $"/Supervision/Task/{open}", $"/Supervision/Manage/{open}?handler=Urge", ("Urge.Message", "没选单位"));
        Assert.Contains("请选择要催办的单位。", (await staff.GetDocumentAsync(response.Headers.Location!.ToString())).TextOf("#error"));

        // A batch with one closed task urges nothing at all.
        response = await PostAsync(staff, "/Supervision/Reminders", "/Supervision/Urge", ("TaskIds", open.ToString()), ("TaskIds", closed.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("未催办任何事项", (await staff.GetDocumentAsync(response.Headers.Location!.ToString())).TextOf("#error"));
        // An id that is not there: 404.
        response = await PostAsync(staff, "/Supervision/Reminders", "/Supervision/Urge", ("TaskIds", open.ToString()), ("TaskIds", "987654"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Urges(closed));
        Assert.Equal(0, Urges(open));
    }

    [Fact]
    public async Task Urge_ByLiaisonOrLeader_IsDenied_WithoutAWrite()
    {
        var id = NewTask(UnitA, [], "联络员不能催办" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var user in new[] { "demo.liaison", "demo.liaison2", "demo.leader" })
        {
            var client = await factory.SignInAsync(user);
            Assert.Null((await client.GetDocumentAsync($"/Supervision/Task/{id}")).QuerySelector("#urge-form"));
            Assert.Null((await client.GetDocumentAsync("/Supervision/Reminders")).QuerySelector("#urge-form"));
            foreach (var url in new[] { $"/Supervision/Manage/{id}?handler=Urge", "/Supervision/Urge" })
            {
                var response = await PostAsync(client, "/Account/ChangePassword", url, ("Urge.UnitIds", UnitA.ToString()), ("TaskIds", id.ToString()));
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("AccessDenied") == true,
                    $"{user} {url}: {(int)response.StatusCode}");
            }
        }
        Assert.Equal(0, Urges(id));
    }

    [Fact]
    public async Task BatchUrge_FromReminders_UrgesEachTasksLeadUnit_Once()
    {
        var first = NewTask(UnitA, [UnitB], "批量催办一" + Guid.NewGuid().ToString("N")[..6]);
        var second = NewTask(UnitB, [], "批量催办二" + Guid.NewGuid().ToString("N")[..6]);
        var staff = await factory.SignInAsync("demo.staff");
        var response = await PostAsync(staff, "/Supervision/Reminders", "/Supervision/Urge",
            ("TaskIds", first.ToString()), ("TaskIds", second.ToString()), ("TaskIds", first.ToString()), ("Message", "请加快办理"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("已催办 2 件事项的牵头单位。", (await staff.GetDocumentAsync(response.Headers.Location!.ToString())).TextOf("#message"));
        var urges = factory.Db(db => db.Set<TaskUrge>().Where(u => u.TaskId == first || u.TaskId == second).Select(u => new { u.TaskId, u.UnitId, u.Message }).ToList());
        Assert.Equal(2, urges.Count);
        Assert.Contains(urges, u => u.TaskId == first && u.UnitId == UnitA && u.Message == "请加快办理");
        Assert.Contains(urges, u => u.TaskId == second && u.UnitId == UnitB);
    }
}
