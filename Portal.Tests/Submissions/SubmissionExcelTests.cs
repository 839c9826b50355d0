using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Portal.Excel;
using Portal.Pages.Submissions;
using Portal.Tests.Excel;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Submissions;

/// <summary>The ledger and ranking in Excel: valid workbooks, export → import gives the same data, a bad file changes nothing.</summary>
public class SubmissionExcelTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] xlsx)
    {
        var token = await client.AntiforgeryTokenAsync("/Submissions/Ledger");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue(ExcelWriter.ContentType);
        content.Add(file, "file", "台账.xlsx");
        return await client.PostAsync("/Submissions/Ledger?handler=Import", content);
    }

    /// <summary>Every cell's text from the header row on (title kept, the export-time line skipped).</summary>
    private static List<string> Cells(byte[] xlsx) =>
        ExcelReader.ReadRows(new MemoryStream(xlsx))
            .Where(r => !r[0].Text.StartsWith("导出时间"))
            .Select(r => string.Join("|", Enumerable.Range(0, 20).Select(c => r[c].Text)))
            .ToList();

    [Fact]
    public async Task EveryExportedWorkbook_PassesTheValidator()
    {
        var staff = await factory.SignInAsync("demo.staff");
        foreach (var url in new[]
                 {
                     "/Submissions/Ledger?handler=Export&period.kind=year&period.year=2026",
                     "/Submissions/Ledger?handler=Export&period.kind=month&period.year=2026&period.number=2",
                     "/Submissions/Ledger?handler=Template",
                     "/Submissions/Statistics?handler=Export&period.kind=quarter&period.year=2026&period.number=1",
                     "/Submissions/Statistics?handler=Export&period.kind=custom&period.from=2025-12-01&period.to=2026-01-31",
                 })
        {
            var response = await staff.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ExcelWriter.ContentType, response.Content.Headers.ContentType!.MediaType);
            ExcelAssert.Valid(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Ledger_HasTitle_Period_ExportTime_FrozenChineseHeader_AndAutofilter()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var bytes = await staff.GetByteArrayAsync("/Submissions/Ledger?handler=Export&period.kind=month&period.year=2026&period.number=3");
        var rows = ExcelReader.ReadRows(new MemoryStream(bytes));
        Assert.Equal("政务信息报送台账", rows[0][0].Text);
        Assert.StartsWith("统计期间：2026年3月", rows[1][0].Text);
        Assert.StartsWith("导出时间：", rows[2][0].Text);
        Assert.Equal("序号", rows[3][0].Text);
        Assert.Equal("报送单位", rows[3][1].Text);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var ws = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Equal(4D, ws.Descendants<Pane>().Single().VerticalSplit!.Value);
        Assert.StartsWith("A4:", ws.Descendants<AutoFilter>().Single().Reference!.Value);
    }

    [Fact]
    public async Task ExportThenImport_GivesTheSameData()
    {
        var staff = await factory.SignInAsync("demo.staff");
        // The full ledger (every column) is the layout an import reads back; the default export is the print selection.
        const string url = "/Submissions/Ledger?handler=Export&columns=all&period.kind=quarter&period.year=2026&period.number=2";
        var before = await staff.GetByteArrayAsync(url);
        var from = new DateOnly(2026, 4, 1);
        var to = new DateOnly(2026, 6, 30);
        var count = factory.Db(db => db.Set<Submission>().Count(s => s.SubmittedOn >= from && s.SubmittedOn <= to));
        Assert.True(count > 50, $"demo data should fill the quarter ({count})");
        Assert.True(factory.Db(db => db.Set<Submission>().Any(s => s.SubmittedOn >= from && s.SubmittedOn <= to && s.Instructions.Any())));

        // Importing the same ledger again is refused as a duplicate, row by row.
        var duplicate = await (await UploadAsync(staff, before)).ReadDocumentAsync();
        Assert.Equal(count, duplicate.QuerySelectorAll("#import-errors li").Length);

        factory.Db(db => db.Set<Submission>().Where(s => s.SubmittedOn >= from && s.SubmittedOn <= to).ExecuteDelete());
        var page = await (await UploadAsync(staff, before)).ReadDocumentAsync();
        Assert.Null(page.QuerySelector("#import-errors"));
        Assert.Contains($"共 {count} 条", page.TextOf("#import-success"));

        var after = await staff.GetByteArrayAsync(url);
        Assert.Equal(Cells(before), Cells(after));
    }

    [Fact]
    public async Task Import_WithErrors_ChangesNothing_AndListsEveryError()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var columns = new[]
        {
            "序号", "报送单位", "标题", "信息类别", "报送日期", "状态", "市办采用日期", "市办采用刊物", "中办采用日期", "领导批示", "正文",
        }.Select(h => new ExcelColumn(h)).ToList();
        var sheet = new ExcelSheet("台账", columns) { Title = "政务信息报送台账" };
        sheet.Subtitles.Add("统计期间：手工");
        sheet.AddRow("1", "城关区政府办公室", "一条没问题的信息", "动态信息", "2026-05-06", "已报送");
        sheet.AddRow("2", "不存在的单位", "单位不对", "动态信息", "2026-05-06", "已报送");
        sheet.AddRow("3", "城关区政府办公室", null, "动态信息", "2026-13-01", "已报送");
        sheet.AddRow("4", "城关区政府办公室", "类别和状态不对", "小道消息", "2026-05-06", "待定");
        sheet.AddRow("5", "城关区政府办公室", "采用了但状态不对", "动态信息", "2026-05-06", "已报送", "2026-05-08");
        sheet.AddRow("6", "城关区政府办公室", "采用日期早于报送", "动态信息", "2026-05-06", "已采用", "2026-05-01", null, null, "市长批了");
        var bytes = ExcelWriter.ToBytes(sheet);

        var total = factory.Db(db => db.Set<Submission>().Count());
        var audits = factory.Db(db => db.AuditEntries.Count(a => a.Action == "submission.import"));
        var page = await (await UploadAsync(staff, bytes)).ReadDocumentAsync();
        var errors = page.QuerySelectorAll("#import-errors li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(new[]
        {
            "第3行 I列（中办采用日期）：采用等次“中办采用”不在计分规则中（可用：市办采用、省办采用、国办采用）。",
            "第5行 B列（报送单位）：单位“不存在的单位”不存在。",
            "第6行 C列（标题）：不能为空。",
            "第6行 E列（报送日期）：日期无效：“2026-13-01”，应为 yyyy-MM-dd。",
            "第7行 D列（信息类别）：信息类别“小道消息”无效，应为：经济运行信息、动态信息、突发信息、重大社情信息、综合信息。",
            "第7行 F列（状态）：状态“待定”无效，应为：已报送、已退回、已采用、未采用。",
            "第8行 F列（状态）：有采用记录时状态应为“已采用”，而不是“已报送”。",
            "第9行 G列（市办采用日期）：采用日期不能早于报送日期。",
            "第9行 J列（领导批示）：第1条批示格式应为“2026-03-05 张市长：批示内容”。",
        }, errors);
        Assert.Equal(total, factory.Db(db => db.Set<Submission>().Count()));
        Assert.Equal(audits, factory.Db(db => db.AuditEntries.Count(a => a.Action == "submission.import")));
        Assert.False(factory.Db(db => db.Set<Submission>().Any(s => s.Title == "一条没问题的信息")));
    }

    [Fact]
    public async Task Import_NotAWorkbook_IsOneClearError()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var page = await (await UploadAsync(staff, "not excel"u8.ToArray())).ReadDocumentAsync();
        Assert.Contains("不是有效的 Excel", page.TextOf("#import-errors"));
    }

    [Fact]
    public async Task RuleChange_RecomputesThatYearsScores_AndAuditsThem()
    {
        var staff = await factory.SignInAsync("demo.staff");
        const int year = 2025;
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var nationalId = factory.Db(db => db.Set<Submission>()
            .Where(s => s.SubmittedOn >= start && s.SubmittedOn <= end && s.Adoptions.Any(a => a.Level == AdoptionLevel.City))
            .OrderBy(s => s.Id).Select(s => s.Id).First());
        var otherYear = factory.Db(db => db.Set<Submission>().Where(s => s.SubmittedOn.Year == 2026 && s.Points > 0)
            .ToDictionary(s => s.Id, s => s.Points));

        var response = await staff.PostFormAsync($"/Submissions/Rules?year={year}", new Dictionary<string, string>
        {
            ["Year"] = year.ToString(), ["Input.City"] = "2", ["Input.Province"] = "6", ["Input.National"] = "20", ["Input.Instruction"] = "4",
            ["Input.Bonus[Economy]"] = "0.5",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var items = factory.Db(db => db.Set<Submission>().Include(s => s.Adoptions).Include(s => s.Instructions)
            .Where(s => s.SubmittedOn >= start && s.SubmittedOn <= end).ToList());
        var rule = new ScoringPoints(2, 6, 20, 4, new Dictionary<SubmissionCategory, decimal> { [SubmissionCategory.Economy] = 0.5m });
        Assert.All(items, s => Assert.Equal(ScoringCalculator.PointsFor(s, rule), s.Points));
        Assert.True(items.Single(s => s.Id == nationalId).Points >= 2);
        // The other year keeps its scores.
        Assert.All(factory.Db(db => db.Set<Submission>().Where(s => s.SubmittedOn.Year == 2026 && s.Points > 0).ToList()),
            s => Assert.Equal(otherYear[s.Id], s.Points));
        var audit = factory.Db(db => db.AuditEntries.Where(a => a.Action == "submission.points" && a.EntityId == nationalId.ToString()).ToList());
        Assert.Contains(audit, a => a.UserName == "demo.staff" && a.After == items.Single(s => s.Id == nationalId).Points.ToString("0.##"));
        Assert.Contains(factory.Db(db => db.AuditEntries.Where(a => a.Action == "submission.rule").ToList()), a => a.EntityId == "2025" && a.After!.Contains("经济运行信息+0.5"));

        var page = await staff.GetDocumentAsync($"/Submissions/Rules?year={year}");
        Assert.Contains("已重算得分", page.TextOf("#message"));
    }
}
