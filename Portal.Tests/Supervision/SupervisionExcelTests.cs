using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Portal.Excel;
using Portal.Pages.Supervision;
using Portal.Tests.Excel;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Supervision;

/// <summary>Ledger and statistics workbooks: valid Open XML, the office's layout, and an import that is all or nothing.</summary>
public class SupervisionExcelTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static List<string[]> DataRows(byte[] xlsx, int width)
    {
        var rows = ExcelReader.ReadRows(new MemoryStream(xlsx));
        var header = rows.First(r => r.Cells.Values.Any(c => c.Text == "督办编号"));
        return rows.Where(r => r.Number > header.Number)
            .Select(r => Enumerable.Range(0, width).Select(i => r[i].Text).ToArray()).ToList();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] xlsx)
    {
        var token = await client.AntiforgeryTokenAsync("/Supervision/Import");
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue(ExcelWriter.ContentType);
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "Upload", "台账.xlsx" } };
        return await client.PostAsync("/Supervision/Import", form);
    }

    private int TaskCount() => factory.Db(db => db.Set<SupervisionTask>().Count());

    [Fact]
    public async Task LedgerExport_IsValid_WithTitlePeriodExportTimeAndHeader()
    {
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.GetAsync("/Supervision?handler=Export&from=2000-01-01&to=2100-12-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExcelWriter.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ExcelAssert.Valid(bytes);
        var rows = ExcelReader.ReadRows(new MemoryStream(bytes));
        Assert.Equal("督查督办事项台账", rows[0][0].Text);
        Assert.StartsWith("交办日期：2000-01-01 至 2100-12-31", rows[1][0].Text);
        Assert.StartsWith("导出时间：", rows[2][0].Text);
        Assert.Equal("督办编号", rows[3][0].Text);
        Assert.Equal(TaskCount(), DataRows(bytes, 1).Count);
    }

    [Fact]
    public async Task LedgerExport_ForLiaison_HoldsOnlyTheirUnitsTasks()
    {
        var unit = factory.Db(db => db.Units.OrderBy(u => u.SortOrder).First().Id);
        var allowed = factory.Db(db => db.Set<SupervisionTask>()
            .Where(t => t.Status != SupervisionStatus.Registered && (t.LeadUnitId == unit || t.CoUnits.Any(c => c.UnitId == unit)))
            .Select(t => t.Code).ToList());
        var client = await factory.SignInAsync("demo.liaison");
        var bytes = await client.GetByteArrayAsync("/Supervision?handler=Export");
        var codes = DataRows(bytes, 1).Select(r => r[0]).ToList();
        Assert.NotEmpty(codes);
        Assert.Equal(allowed.Order(), codes.Order());
    }

    [Fact]
    public async Task StatisticsExport_IsValid_AndHasUnitsOverallAndDefinitions()
    {
        var client = await factory.SignInAsync("demo.leader");
        var response = await client.GetAsync($"/Supervision/Statistics?handler=Export&kind=year&year={DateTime.UtcNow.AddHours(8).Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ExcelAssert.Valid(bytes);
        var rows = ExcelReader.ReadRows(new MemoryStream(bytes));
        Assert.StartsWith("统计期间：", rows[1][0].Text);
        Assert.StartsWith("导出时间：", rows[2][0].Text);
        Assert.Equal("名次", rows[3][0].Text);
        Assert.Contains(rows, r => r[1].Text == "合计");
        Assert.NotEmpty(ExcelReader.ReadRows(new MemoryStream(bytes), "指标口径"));
    }

    [Fact]
    public async Task InvalidImport_ChangesNothing_AndListsEveryErrorByRowAndColumn()
    {
        var existing = factory.Db(db => db.Set<SupervisionTask>().Select(t => t.Code).First());
        var unit = factory.Db(db => db.Units.OrderBy(u => u.SortOrder).First().Name);
        var headers = new[] { "督办编号", "来源类型", "事项名称", "牵头单位", "交办日期", "办理期限", "状态", "办结日期", "办结情况" };
        var sheet = new ExcelSheet("督办台账", headers.Select(h => new ExcelColumn(h)).ToList()) { Title = "督查督办事项台账" };
        sheet.AddRow("导〔2026〕1号", "领导批示件", "有效的一行", unit, "2026-03-01", "2026-03-31", "已交办", null, null);    // row 3: valid
        sheet.AddRow(existing, "领导批示件", "编号重复", unit, "2026-03-01", "2026-03-31", null, null, null);               // row 4
        sheet.AddRow("导〔2026〕2号", "群众来信", "", "不存在的单位", "2026-13-01", "2026-03-31", null, null, null);       // row 5
        sheet.AddRow("导〔2026〕3号", "交办事项", "已办结缺日期", unit, "2026-03-01", "2026-02-01", "已办结", null, null); // row 6
        var before = TaskCount();
        var client = await factory.SignInAsync("demo.staff");
        var response = await UploadAsync(client, ExcelWriter.ToBytes(sheet));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("#import-failed"));
        var errors = page.QuerySelectorAll("#import-errors tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("第4行") && e.Contains("A列") && e.Contains("已存在"));
        Assert.Contains(errors, e => e.Contains("第5行") && e.Contains("B列") && e.Contains("群众来信"));
        Assert.Contains(errors, e => e.Contains("第5行") && e.Contains("C列") && e.Contains("不能为空"));
        Assert.Contains(errors, e => e.Contains("第5行") && e.Contains("D列") && e.Contains("不存在的单位"));
        Assert.Contains(errors, e => e.Contains("第5行") && e.Contains("E列") && e.Contains("日期无效"));
        Assert.Contains(errors, e => e.Contains("第6行") && e.Contains("H列") && e.Contains("办结日期"));
        Assert.Contains(errors, e => e.Contains("第6行") && e.Contains("I列") && e.Contains("办结情况"));
        Assert.Equal(before, TaskCount());
        Assert.False(factory.Db(db => db.Set<SupervisionTask>().Any(t => t.Code == "导〔2026〕1号")));
    }

    [Fact]
    public async Task Import_IsForStaffOnly()
    {
        var client = await factory.SignInAsync("demo.liaison");
        var response = await client.GetAsync("/Supervision/Import");
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("AccessDenied") == true);
    }

    [Fact]
    public async Task ExportThenImport_RoundTrip_RebuildsTheSameLedger()
    {
        var client = await factory.SignInAsync("demo.staff");
        // The full ledger (every column) is the layout an import reads back; the default export is the print selection.
        var first = await client.GetByteArrayAsync("/Supervision?handler=Export&columns=all");
        var before = DataRows(first, 20);
        Assert.True(before.Count >= 100);
        var states = factory.Db(db => db.Set<SupervisionTask>().AsNoTracking()
            .Select(t => new { t.Code, t.Status, t.OriginalDeadline, t.Deadline, t.ClosedOn, t.RepliedOn, t.Satisfaction, Co = t.CoUnits.Count })
            .OrderBy(t => t.Code).ToList());

        factory.Db(db => db.Set<SupervisionTask>().ExecuteDelete());
        Assert.Equal(0, TaskCount());

        var response = await UploadAsync(client, first);
        var page = await response.ReadDocumentAsync();
        Assert.True(page.QuerySelector("#import-done") is not null, page.QuerySelector("#import-errors")?.TextContent);
        Assert.Equal(before.Count, TaskCount());

        var second = await client.GetByteArrayAsync("/Supervision?handler=Export&columns=all");
        ExcelAssert.Valid(second);
        var after = DataRows(second, 20);
        Assert.Equal(before.Select(r => string.Join("|", r)).Order(), after.Select(r => string.Join("|", r)).Order());
        var statesAfter = factory.Db(db => db.Set<SupervisionTask>().AsNoTracking()
            .Select(t => new { t.Code, t.Status, t.OriginalDeadline, t.Deadline, t.ClosedOn, t.RepliedOn, t.Satisfaction, Co = t.CoUnits.Count })
            .OrderBy(t => t.Code).ToList());
        Assert.Equal(states, statesAfter);
    }
}
