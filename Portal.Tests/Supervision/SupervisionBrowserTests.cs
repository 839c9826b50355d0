using Microsoft.Playwright;
using Portal.Tests.Browser;

namespace Portal.Tests.Supervision;

/// <summary>What needs a browser: the charts draw under the CSP (no inline script), from local files only.</summary>
[Collection(BrowserCollection.Name)]
public class SupervisionBrowserTests(PortalServerFixture portal)
{
    [BrowserFact]
    public Task Statistics_DrawTheirCharts_ForALeader_WithoutConsoleErrors() => portal.RunAsync(nameof(Statistics_DrawTheirCharts_ForALeader_WithoutConsoleErrors), async page =>
    {
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await portal.SignInAsync(page, "demo.leader");
        await page.ClickAsync("#main-menu a[href='/Supervision/Statistics']");
        await page.WaitForURLAsync(u => u.Contains("/Supervision/Statistics"));
        foreach (var id in new[] { "chart-completion", "chart-status", "chart-trend" })
        {
            var drawn = await page.EvaluateAsync<bool>($"() => typeof Chart !== 'undefined' && !!Chart.getChart(document.getElementById('{id}'))");
            Assert.True(drawn, id);
        }
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is string dir)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "supervision-statistics.png"), FullPage = true });
        Assert.Empty(errors);
        Assert.Empty(portal.ExternalRequests);
    });

    [BrowserFact]
    public Task Ledger_ShowsWarnings_AndFiltersByOverdue() => portal.RunAsync(nameof(Ledger_ShowsWarnings_AndFiltersByOverdue), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Supervision");
        Assert.True(await page.Locator("tr.warn-red").CountAsync() > 0);
        await page.SelectOptionAsync("select[name=warning]", "Red");
        await page.ClickAsync("#ledger-filter button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("warning=Red"));
        var rows = await page.Locator("tr[data-task-id]").CountAsync();
        Assert.True(rows > 0);
        Assert.Equal(rows, await page.Locator("tr.warn-red").CountAsync());
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is string dir)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "supervision-ledger.png") });
    });

    [BrowserFact]
    public Task Task_AssignedByStaff_ReportedByTheLiaison_IsClosedByStaff() => portal.RunAsync(nameof(Task_AssignedByStaff_ReportedByTheLiaison_IsClosedByStaff), async staff =>
    {
        var title = $"督促落实档案库房改造任务（{Guid.NewGuid().ToString("N")[..6]}）";
        await portal.SignInAsync(staff, "demo.staff");
        await staff.GotoAsync(portal.BaseUrl + "/Supervision/Create", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await staff.FillAsync("#Input_Title", title);
        await staff.FillAsync("#Input_Requirements", "月底前完成库房改造方案并报送进展。");
        await staff.SelectOptionAsync("#Input_LeadUnitId", new SelectOptionValue { Label = "城关区政府办公室" });
        Assert.True(await staff.IsCheckedAsync("#Input_AssignNow"));
        await staff.ClickAsync("#create-form button[type=submit]");
        await staff.WaitForURLAsync(u => u.Contains("/Supervision/Task/"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(staff.Locator("#status")).ToHaveTextAsync("已交办");
        var taskUrl = staff.Url;

        // The lead unit's liaison finds it among their tasks, reports progress and asks to close it.
        await portal.RunAsync(nameof(Task_AssignedByStaff_ReportedByTheLiaison_IsClosedByStaff) + "_liaison", async liaison =>
        {
            await portal.SignInAsync(liaison, "demo.liaison");
            await liaison.GotoAsync(portal.BaseUrl + "/Supervision/Mine", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await liaison.ClickAsync($"a:has-text('{title}')");
            await liaison.WaitForURLAsync(u => u.Contains("/Supervision/Task/"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await liaison.FillAsync("#Report_Text", "库房改造方案已经区政府常务会议研究通过，改造工程已完工。");
            await liaison.CheckAsync("#Report_RequestClose");
            await liaison.ClickAsync("#report-form button[type=submit]");
            await Assertions.Expect(liaison.Locator("#message")).ToContainTextAsync("已申请办结");
            await Assertions.Expect(liaison.Locator("#status")).ToHaveTextAsync("办理中");
            Assert.Equal(0, await liaison.Locator("#close-form").CountAsync());
        });

        // Staff see the request and close the task (办结), confirming the dialog.
        await staff.GotoAsync(taskUrl, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(staff.Locator("#close-requested")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("#reports")).ToContainTextAsync("改造工程已完工");
        await staff.FillAsync("#Close_Result", "已按要求完成库房改造。");
        await staff.ClickAsync("#close-form button[type=submit]");
        await PortalServerFixture.AnswerConfirmAsync(staff);
        await Assertions.Expect(staff.Locator("#message")).ToContainTextAsync("已办结销号");
        await Assertions.Expect(staff.Locator("#status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(staff.Locator("#closed")).ToContainTextAsync("已按要求完成库房改造");
        await Assertions.Expect(staff.Locator("#timeline")).ToContainTextAsync("办结销号");
    });

    [BrowserFact]
    public Task Urge_FromReminders_ShowsOnTheLiaisonsHomePage_UntilTheUnitReportsProgress() => portal.RunAsync(nameof(Urge_FromReminders_ShowsOnTheLiaisonsHomePage_UntilTheUnitReportsProgress), async staff =>
    {
        var message = "请于三日内报送办理进展（" + Guid.NewGuid().ToString("N")[..6] + "）";
        await portal.SignInAsync(staff, "demo.staff");
        await staff.GotoAsync(portal.BaseUrl + "/Supervision/Reminders", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        // An overdue or due-soon task that 城关区 leads (demo.liaison's unit).
        var row = staff.Locator("section.unit-reminders tr[data-task-id]:has(td:text-is('城关区政府办公室'))").First;
        var taskId = await row.GetAttributeAsync("data-task-id");
        await row.Locator("input[name=TaskIds]").CheckAsync();
        await staff.FillAsync("#urge-message", message);
        await staff.ClickAsync("#urge-selected");
        await Assertions.Expect(staff.Locator("#message")).ToContainTextAsync("已催办 1 件事项的牵头单位");

        await portal.RunAsync(nameof(Urge_FromReminders_ShowsOnTheLiaisonsHomePage_UntilTheUnitReportsProgress) + "_liaison", async liaison =>
        {
            await portal.SignInAsync(liaison, "demo.liaison");
            await liaison.GotoAsync(portal.BaseUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            var urge = liaison.Locator($"#my-urges li[data-task-id='{taskId}']:has-text('{message}')");
            await Assertions.Expect(urge).ToBeVisibleAsync();
            await urge.Locator("a").ClickAsync();
            await liaison.WaitForURLAsync(u => u.Contains("/Supervision/Task/" + taskId), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await Assertions.Expect(liaison.Locator("#timeline")).ToContainTextAsync(message);
            await liaison.FillAsync("#Report_Text", "已召开专题会议研究，整改方案本周内完成。");
            await liaison.ClickAsync("#report-form button[type=submit]");
            await Assertions.Expect(liaison.Locator("#message")).ToContainTextAsync("进展已报送");
            await liaison.GotoAsync(portal.BaseUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await Assertions.Expect(liaison.Locator("#attention-liaison")).ToBeVisibleAsync();
            Assert.Equal(0, await liaison.Locator($"#my-urges li[data-task-id='{taskId}']").CountAsync());
        });
    });

    [BrowserFact]
    public Task Ledger_Pages_Filters_AndSorts_KeepingTheUrl() => portal.RunAsync(nameof(Ledger_Pages_Filters_AndSorts_KeepingTheUrl), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Supervision", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(20, await page.Locator("tr[data-task-id]").CountAsync());
        var firstPage = await page.Locator("tr[data-task-id]").First.GetAttributeAsync("data-task-id");
        await page.ClickAsync(".list-pager a[rel=next]");
        await page.WaitForURLAsync(u => u.Contains("p=2"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.NotEqual(firstPage, await page.Locator("tr[data-task-id]").First.GetAttributeAsync("data-task-id"));

        await page.SelectOptionAsync("select[name=unitId]", new SelectOptionValue { Label = "城关区政府办公室" });
        await page.CheckAsync("#lead-only");
        await page.ClickAsync("#ledger-filter button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("unitId="), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var total = int.Parse(await page.Locator("#total").InnerTextAsync());
        Assert.InRange(total, 1, 159);
        var leads = await page.Locator("tr[data-task-id] td:nth-child(4)").AllInnerTextsAsync();
        Assert.All(leads, l => Assert.Equal("城关区政府办公室", l.Trim()));

        await page.ClickAsync("th a.sort-link:has-text('办理期限')");
        await page.WaitForURLAsync(u => u.Contains("sort=deadline") && u.Contains("unitId="), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var deadlines = (await page.Locator("tr[data-task-id] td:nth-child(7)").AllInnerTextsAsync()).Select(d => d.Trim()[..10]).ToList();
        Assert.Equal(deadlines.Order(StringComparer.Ordinal), deadlines);
        Assert.Equal(total, int.Parse(await page.Locator("#total").InnerTextAsync()));
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is string dir)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "supervision-ledger-filtered.png") });
    });
}
