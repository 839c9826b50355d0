using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Supervision;

/// <summary>The portal with the warning window set to 10 days instead of 3 (the options pattern at work).</summary>
public class TenDayWarningFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Supervision:WarningDays"] = "10" };
}

public class SupervisionPagesTests(TenDayWarningFactory factory) : IClassFixture<TenDayWarningFactory>
{
    private int NewTask(int lead, DateOnly deadline, string title)
    {
        return factory.Db(db =>
        {
            var t = SupervisionTask.Register("页〔" + Guid.NewGuid().ToString("N")[..8] + "〕号", TaskSource.KeyWork, null, title, "要求",
                lead, Array.Empty<int>(), deadline.AddDays(-30), deadline, TaskPriority.Normal, "test", DateTime.UtcNow);
            t.Assign(deadline.AddDays(-30), "test", DateTime.UtcNow);
            db.Add(t);
            db.SaveChanges();
            return t.Id;
        });
    }

    [Fact]
    public async Task WarningDays_AreConfigurable_AndRemindersListDueSoonAndOverduePerUnit()
    {
        var today = ShanghaiClock.Today(TimeProvider.System);
        var unit = factory.Db(db => db.Units.OrderBy(u => u.SortOrder).First().Id);
        var soon = NewTask(unit, today.AddDays(8), "八天后到期");
        var later = NewTask(unit, today.AddDays(11), "十一天后到期");
        var overdue = NewTask(unit, today.AddDays(-1), "昨天到期");

        var client = await factory.SignInAsync("demo.liaison");
        var ledger = await client.GetDocumentAsync("/Supervision");
        Assert.Contains("warn-yellow", ledger.QuerySelector($"tr[data-task-id='{soon}']")!.ClassName);
        Assert.DoesNotContain("warn", ledger.QuerySelector($"tr[data-task-id='{later}']")!.ClassName ?? "");
        Assert.Contains("warn-red", ledger.QuerySelector($"tr[data-task-id='{overdue}']")!.ClassName);

        var reminders = await client.GetDocumentAsync("/Supervision/Reminders");
        var sections = reminders.QuerySelectorAll("section.unit-reminders");
        Assert.Single(sections); // a liaison sees only their own unit
        var ids = sections[0].QuerySelectorAll("tr[data-task-id]").Select(tr => tr.GetAttribute("data-task-id")).ToList();
        Assert.Contains(soon.ToString(), ids);
        Assert.Contains(overdue.ToString(), ids);
        Assert.DoesNotContain(later.ToString(), ids);

        var staff = await factory.SignInAsync("demo.staff");
        var all = await staff.GetDocumentAsync("/Supervision/Reminders");
        Assert.True(all.QuerySelectorAll("section.unit-reminders").Length > 1);
    }

    [Fact]
    public async Task Statistics_ShowRatesPerUnit_WithDefinitions_AndChartsWithoutInlineScript()
    {
        var client = await factory.SignInAsync("demo.leader");
        var response = await client.GetAsync($"/Supervision/Statistics?kind=year&year={ShanghaiClock.Today(TimeProvider.System).Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var units = factory.Db(db => db.Units.Count(u => u.IsActive));
        Assert.Equal(units, page.QuerySelectorAll("#unit-rates tbody tr").Length);
        Assert.Contains("合计", page.TextOf("#overall-row"));
        var definitions = page.TextOf("#definitions");
        Assert.Contains("办结率", definitions);
        Assert.Contains("原定期限", definitions);
        foreach (var id in new[] { "#chart-completion", "#chart-status", "#chart-trend" })
            Assert.False(string.IsNullOrEmpty(page.QuerySelector(id)?.GetAttribute("data-chart")), id);
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline script"));
        Assert.Contains(page.QuerySelectorAll("script"), s => s.GetAttribute("src")!.StartsWith("/lib/chart.js/dist/chart.umd.min.js"));
        // A rank is a number, 并列N, or — for a unit without tasks.
        Assert.All(page.QuerySelectorAll("#unit-rates tbody tr td:first-child"), td =>
            Assert.Matches("^(并列)?\\d+$|^—$", td.TextContent.Trim()));
    }

    [Fact]
    public async Task VerifyCheck_IsCleanOnDemoData_AndReportsAMissingAttachmentFile()
    {
        factory.CreatePlainClient();
        Task<IReadOnlyList<string>> Run() => factory.WithScopeAsync(sp => sp.GetServices<IVerifyCheck>().OfType<SupervisionDataCheck>().Single().RunAsync());
        Assert.Empty(await Run());
        var unit = factory.Db(db => db.Units.OrderBy(u => u.SortOrder).First().Id);
        var id = NewTask(unit, ShanghaiClock.Today(TimeProvider.System).AddDays(20), "附件丢失");
        factory.Db(db =>
        {
            db.Add(new ProgressReport { TaskId = id, UnitId = unit, ReportedOn = ShanghaiClock.Today(TimeProvider.System), Text = "进展",
                AttachmentName = "报告.pdf", AttachmentStoredName = "0123456789abcdef0123456789abcdef.pdf", At = DateTime.UtcNow });
            return db.SaveChanges();
        });
        var problems = await Run();
        Assert.Contains(problems, p => p.Contains("0123456789abcdef0123456789abcdef.pdf") && p.Contains("不存在"));
        factory.Db(db => db.Set<ProgressReport>().Where(r => r.TaskId == id).ExecuteDelete());
    }

    [Fact]
    public async Task Statistics_InvalidPeriod_ShowsAChineseMessage()
    {
        var client = await factory.SignInAsync("demo.staff");
        var page = await client.GetDocumentAsync("/Supervision/Statistics?kind=custom&from=2026-05-01&to=2026-04-01");
        Assert.Contains("结束日期不能早于开始日期", page.TextOf("#period-error"));
    }

    [Fact]
    public async Task TaskPage_ShowsTimeline_AndOriginalDeadlineAfterExtension()
    {
        var today = ShanghaiClock.Today(TimeProvider.System);
        var unit = factory.Db(db => db.Units.OrderBy(u => u.SortOrder).First().Id);
        var id = NewTask(unit, today.AddDays(5), "延期事项");
        var staff = await factory.SignInAsync("demo.staff");
        var response = await staff.PostFormAsync($"/Supervision/Task/{id}", new Dictionary<string, string>
        {
            ["Extend.NewDeadline"] = today.AddDays(40).ToString("yyyy-MM-dd"),
            ["Extend.Reason"] = "需等待省级批复",
            ["Extend.Approver"] = "王副秘书长",
        }, formSelector: "#extend-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await staff.GetDocumentAsync($"/Supervision/Task/{id}");
        Assert.Contains("期限已延长", page.TextOf("#message"));
        Assert.Contains($"原定期限 {today.AddDays(5):yyyy-MM-dd}", page.TextOf("#deadline"));
        var timeline = page.TextOf("#timeline");
        Assert.Contains("立项", timeline);
        Assert.Contains("交办", timeline);
        Assert.Contains("延期", timeline);
        Assert.Contains("王副秘书长", timeline);
        var task = factory.Db(db => db.Set<SupervisionTask>().AsNoTracking().First(t => t.Id == id));
        Assert.Equal(today.AddDays(5), task.OriginalDeadline);
        Assert.Equal(today.AddDays(40), task.Deadline);
        Assert.True(factory.Db(db => db.AuditEntries.Any(a => a.Action == "supervision.extend" && a.EntityId == id.ToString())));
    }
}
