using System.Net;
using Portal.Data;
using Portal.Pages.Admin;
using Portal.Pages.Submissions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

public class AuditTextTests
{
    [Theory]
    [InlineData("submission.adopt", "采用信息")]
    [InlineData("考评得分.录入", "录入考评得分")]
    [InlineData("新建用户", "新建用户")]
    public void Actions_ReadInChinese(string code, string text) => Assert.Equal(text, AuditText.Action(code));
}

/// <summary>The audit log in Chinese: who by 姓名 (系统 for the portal itself), what on which object with its page, filters, export.</summary>
public class AuditLogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AuditLog_ShowsActionsInChinese_WithLinks_Filters_AndExports()
    {
        var (itemId, title) = factory.Db(db => db.Set<Submission>().OrderBy(s => s.Id).Select(s => new { s.Id, s.Title }).First() is var x ? (x.Id, x.Title) : default);
        factory.Db(db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, UserName = "demo.staff", Action = "submission.adopt", Entity = "Submission", EntityId = itemId.ToString(), After = "已采用：市办《政务信息》" });
            db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, UserName = null, Action = "submission.points", Entity = "Submission", EntityId = itemId.ToString(), Before = "1", After = "5" });
            db.AuditEntries.Add(new AuditEntry { At = new DateTime(2020, 3, 1, 2, 0, 0, DateTimeKind.Utc), UserName = "demo.admin", Action = "停用单位", Entity = "Unit", EntityId = "1", After = "旧单位" });
            return db.SaveChanges();
        });
        var admin = await factory.SignInAsync("demo.admin");

        var page = await admin.GetDocumentAsync("/Admin/Audit?kind=submission");
        var rows = page.QuerySelectorAll("#audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("李文秘") && r.Contains($"采用信息《{title}》") && r.Contains("市办《政务信息》"));
        Assert.Contains(rows, r => r.Contains("系统") && r.Contains("信息得分变化"));
        Assert.DoesNotContain(rows, r => r.Contains("demo.staff"));
        Assert.Contains(page.QuerySelectorAll("#audit a"), a => a.GetAttribute("href") == $"/Submissions/Details/{itemId}");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Submissions/Details/{itemId}")).StatusCode);

        var system = await admin.GetDocumentAsync("/Admin/Audit?user=系统&kind=submission");
        Assert.All(system.QuerySelectorAll("#audit tbody tr td:nth-child(2)"), td => Assert.Equal("系统", td.TextContent.Trim()));
        var old = await admin.GetDocumentAsync("/Admin/Audit?from=2020-03-01&to=2020-03-01");
        Assert.Equal("1", old.TextOf("#total"));
        Assert.Contains("停用单位", old.TextOf("#audit"));
        Assert.Contains("王管理", old.TextOf("#audit"));
        var byObject = await admin.GetDocumentAsync("/Admin/Audit?object=" + Uri.EscapeDataString(title));
        Assert.True(int.Parse(byObject.TextOf("#total")) >= 2);

        var export = await admin.GetByteArrayAsync(page.QuerySelector("#export-audit")!.GetAttribute("href")!);
        var cells = Portal.Excel.ExcelReader.ReadRows(new MemoryStream(export)).SelectMany(r => r.Cells.Values).Select(c => c.Text).ToList();
        Assert.Contains($"采用信息《{title}》", cells);
        Assert.Contains("系统", cells);
        Assert.DoesNotContain(cells, c => c.Contains("停用单位"));
    }
}
