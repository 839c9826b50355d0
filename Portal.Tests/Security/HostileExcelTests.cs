using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Portal.Excel;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// Both Excel imports (the submissions ledger, the supervision ledger) with workbooks other programs and people make:
/// wrong headers, formulas, dates typed as text, merged cells, 50,000 rows. Each is a list of Chinese messages with row
/// and column, or an import of exactly what the user saw; never a 500, and a refused file adds nothing.
/// </summary>
public class HostileExcelTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>One of the two imports: where it is posted, its required columns, and how a data row is laid out.</summary>
    public sealed record Importer(string Name, string Url, string Field, string ListUrl, string[] Headers, int DateColumn, int TitleColumn)
    {
        public override string ToString() => Name;

        public RawCell?[] HeaderRow => Headers.Select(h => (RawCell?)h).ToArray();

        /// <summary>A valid data row; <paramref name="date"/> goes in the date column, <paramref name="title"/> in the title column.</summary>
        public RawCell?[] Row(string key, RawCell title, RawCell? date = null)
        {
            var row = Name == "submissions"
                ? new RawCell?[] { "城关区政府办公室", title, "动态信息", "2026-05-06", "已报送" }
                : new RawCell?[] { "导〔" + key + "〕号", "领导批示件", title, "城关区政府办公室", "2026-05-06", "2026-12-31" };
            if (date is not null) row[DateColumn] = date;
            return row;
        }
    }

    public static readonly Importer Submissions = new("submissions", "/Submissions/Ledger?handler=Import", "file", "/Submissions/Ledger",
        ["报送单位", "标题", "信息类别", "报送日期", "状态"], DateColumn: 3, TitleColumn: 1);
    public static readonly Importer Supervision = new("supervision", "/Supervision/Import", "Upload", "/Supervision/Import",
        ["督办编号", "来源类型", "事项名称", "牵头单位", "交办日期", "办理期限"], DateColumn: 4, TitleColumn: 2);

    public static TheoryData<string> Importers => new() { "submissions", "supervision" };
    private static Importer Of(string name) => name == "submissions" ? Submissions : Supervision;

    private int Count(Importer i) => factory.Db(db => i == Submissions ? db.Set<Submission>().Count() : db.Set<SupervisionTask>().Count());

    private sealed record ImportOutcome(bool Imported, string Summary, List<string> Errors);

    private HttpClient? _staff;

    private async Task<ImportOutcome> ImportAsync(Importer importer, byte[] xlsx)
    {
        // One sign-in per test: each writes the audit log, and a refused import must write nothing.
        var staff = _staff ??= await factory.SignInAsync("demo.staff");
        var token = await staff.AntiforgeryTokenAsync(importer.ListUrl);
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue(ExcelWriter.ContentType);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, importer.Field, "台账.xlsx" } };
        var response = await staff.PostAsync(importer.Url, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var done = page.QuerySelector("#import-success, #import-done");
        var errors = page.QuerySelectorAll("#import-errors li, #import-errors tbody tr, #import-error")
            .Select(e => string.Join(" ", e.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToList();
        var failed = page.QuerySelector("#import-errors, #import-failed, #import-error");
        Assert.True((done is null) != (failed is null), "the page says neither (or both) that the file was imported and that it was not");
        return new ImportOutcome(done is not null, (done ?? failed)!.TextContent.Trim(), errors);
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task WrongHeaders_AreOneClearMessage_AndAddNothing(string name)
    {
        var i = Of(name);
        var before = Count(i);
        var english = await ImportAsync(i, RawWorkbook.Build([["Unit", "Title", "Category", "Date", "Status", "Code", "Source"], i.Row(Tag(), "英文表头")]));
        Assert.False(english.Imported);
        Assert.Contains("找不到表头行", Assert.Single(english.Errors));

        var oneMissing = await ImportAsync(i, RawWorkbook.Build([i.HeaderRow[..^1], i.Row(Tag(), "少一列")[..^1]]));
        Assert.Contains("找不到表头行", Assert.Single(oneMissing.Errors));
        Assert.Contains(i.Headers[^1], oneMissing.Errors[0]);

        var twice = await ImportAsync(i, RawWorkbook.Build([[.. i.HeaderRow, i.Headers[i.TitleColumn]], [.. i.Row(Tag(), "重复列"), "又一个标题"]]));
        Assert.Contains(twice.Errors, e => e.Contains("重复出现"));

        var headerOnly = await ImportAsync(i, RawWorkbook.Build([i.HeaderRow]));
        Assert.False(headerOnly.Imported);
        Assert.Contains("没有数据行", Assert.Single(headerOnly.Errors));
        Assert.Equal(before, Count(i));
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task Formulas_AreReadAsTheValueTheUserSaw_NeverEvaluated_AndNeverExportedAsFormulas(string name)
    {
        var i = Of(name);
        var tag = Tag();
        var injection = "=cmd|' /C calc'!A0" + tag;
        var date = new DateOnly(2026, 5, 6).DayNumber - new DateOnly(1899, 12, 30).DayNumber;
        var ok = await ImportAsync(i, RawWorkbook.Build(
        [
            i.HeaderRow,
            i.Row(tag + "1", new FormulaCell("HYPERLINK(\"http://evil.example/\",\"点击查看" + tag + "\")", CachedText: "点击查看" + tag),
                new FormulaCell("DATE(2026,5,6)", CachedNumber: date)),
            i.Row(tag + "2", injection),
        ]));
        Assert.True(ok.Imported, string.Join("\n", ok.Errors));
        Assert.Contains("2", ok.Summary);
        var titles = factory.Db(db => i == Submissions
            ? db.Set<Submission>().Where(s => s.Title.Contains(tag)).Select(s => s.Title + "|" + s.SubmittedOn).ToList()
            : db.Set<SupervisionTask>().Where(t => t.Title.Contains(tag)).Select(t => t.Title + "|" + t.AssignedOn).ToList());
        Assert.Equal(new[] { "点击查看" + tag + "|2026-05-06", injection + "|2026-05-06" }.Order(), titles.Order());

        // Exported again, the text that looks like a formula is text: the workbook holds no formula at all.
        var staff = await factory.SignInAsync("demo.staff");
        var export = await staff.GetByteArrayAsync(i == Submissions
            ? "/Submissions/Ledger?handler=Export&period.kind=month&period.year=2026&period.number=5"
            : "/Supervision?handler=Export&q=" + Uri.EscapeDataString(tag));
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(export), false))
            Assert.Empty(doc.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()));
        Assert.Contains(ExcelReader.ReadRows(new MemoryStream(export)).SelectMany(r => r.Cells.Values), c => c.Text == injection);

        // A formula no program ever calculated has no value: the required cell is reported empty, and nothing is added.
        var before = Count(i);
        var uncalculated = await ImportAsync(i, RawWorkbook.Build([i.HeaderRow, i.Row(tag + "3", new FormulaCell("CONCAT(\"未计算\",\"的标题\")"))]));
        Assert.False(uncalculated.Imported);
        Assert.Contains("第2行", Assert.Single(uncalculated.Errors));
        Assert.Contains("不能为空", uncalculated.Errors[0]);
        Assert.Equal(before, Count(i));
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task DatesTypedAsText_AreReadInTheUsualForms_AndEveryOtherOneIsListed(string name)
    {
        var i = Of(name);
        var tag = Tag();
        var serial = new DateOnly(2026, 5, 6).DayNumber - new DateOnly(1899, 12, 30).DayNumber;
        RawCell[] good = ["2026-05-06", "2026/5/6", "2026年5月6日", "20260506", " 2026-05-06 ", (double)serial, new IsoDateCell("2026-05-06T00:00:00")];
        RawCell[] bad = ["5/6/2026", "2026-02-30", "明天", "2026-05-06 08:00", -5.0, 1e12, new IsoDateCell("不是日期")];
        var before = Count(i);
        var mixed = await ImportAsync(i, RawWorkbook.Build(
            [i.HeaderRow, .. good.Concat(bad).Select((d, k) => i.Row($"{tag}{k}", $"日期测试{tag}-{k}", d))]));
        Assert.False(mixed.Imported);
        Assert.Equal(bad.Length, mixed.Errors.Count);
        for (var k = 0; k < bad.Length; k++)
        {
            Assert.Contains($"第{good.Length + k + 2}行", mixed.Errors[k]);
            Assert.Contains(i.Headers[i.DateColumn], mixed.Errors[k]);
            Assert.Contains("日期无效", mixed.Errors[k]);
        }
        Assert.Equal(before, Count(i));

        var ok = await ImportAsync(i, RawWorkbook.Build([i.HeaderRow, .. good.Select((d, k) => i.Row($"{tag}g{k}", $"日期正确{tag}-{k}", d))]));
        Assert.True(ok.Imported, string.Join("\n", ok.Errors));
        var dates = factory.Db(db => i == Submissions
            ? db.Set<Submission>().Where(s => s.Title.StartsWith("日期正确" + tag)).Select(s => s.SubmittedOn).ToList()
            : db.Set<SupervisionTask>().Where(t => t.Title.StartsWith("日期正确" + tag)).Select(t => t.AssignedOn).ToList());
        Assert.Equal(good.Length, dates.Count);
        Assert.All(dates, d => Assert.Equal(new DateOnly(2026, 5, 6), d));
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task MergedCells_AreNamed_InsteadOfReadAsBlanks(string name)
    {
        var i = Of(name);
        var tag = Tag();
        // The office's habit: one unit written once, merged down over its rows; and a note merged across two columns.
        var rows = new List<RawCell?[]> { i.HeaderRow };
        for (var k = 0; k < 3; k++) rows.Add(i.Row($"{tag}{k}", $"合并测试{tag}-{k}"));
        var unit = Array.IndexOf(i.Headers, i == Submissions ? "报送单位" : "牵头单位");
        rows[2][unit] = rows[3][unit] = null;
        var column = ExcelWriter.ColumnLetter(unit);
        var before = Count(i);
        var result = await ImportAsync(i, RawWorkbook.Build(rows, [$"{column}2:{column}4"]));
        Assert.False(result.Imported);
        Assert.Contains(result.Errors, e => e.Contains("第2行") && e.Contains($"{column}2:{column}4") && e.Contains("合并单元格"));
        Assert.Equal(before, Count(i));
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task FiftyThousandRows_AreCheckedInSeconds_AndOneBadRowAddsNothing(string name)
    {
        var i = Of(name);
        var tag = Tag();
        const int n = 50_000;
        var rows = new List<RawCell?[]> { i.HeaderRow };
        for (var k = 0; k < n; k++) rows.Add(i.Row($"{tag}-{k}", $"大批量{tag}-{k}", k == n - 1 ? new TextCell("2026-13-01") : null));
        var xlsx = RawWorkbook.Build(rows);
        var before = Count(i);
        var watch = Stopwatch.StartNew();
        var result = await ImportAsync(i, xlsx);
        watch.Stop();
        Assert.False(result.Imported);
        Assert.Contains($"第{n + 1}行", Assert.Single(result.Errors));
        // Linear work takes a few seconds on a quiet machine; the bound only catches a quadratic slip on a loaded one.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), $"took {watch.Elapsed}");
        Assert.Equal(before, Count(i));
    }

    private static readonly Lazy<byte[]> Bomb = new(() => RawWorkbook.Build([Submissions.HeaderRow], blankMegabytes: 150));

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task ZipBombWorkbook_IsRefusedBeforeItIsUnpacked(string name)
    {
        var i = Of(name);
        Assert.True(Bomb.Value.Length < 2 * 1024 * 1024, $"{Bomb.Value.Length} bytes");
        var before = Count(i);
        var result = await ImportAsync(i, Bomb.Value);
        Assert.False(result.Imported);
        Assert.Contains("压缩炸弹", Assert.Single(result.Errors));
        Assert.Equal(before, Count(i));
    }

    /// <summary>A damaged workbook: one message about the file, nothing added, and the workbook it was made from imports.</summary>
    [Theory]
    [MemberData(nameof(Importers))]
    public async Task MalformedWorkbooks_AreAClearMessage_AndChangeNothing(string name)
    {
        var i = Of(name);
        var tag = Tag();
        var valid = RawWorkbook.Build([i.HeaderRow, i.Row(tag, "完好的工作簿" + tag)], asOffice: true);
        var cases = MalformedPackages.From(valid, SheetPart).ToList();
        Assert.Equal(9, cases.Count);
        _staff = await factory.SignInAsync("demo.staff");
        var before = StateSnapshot.Take(factory);
        foreach (var (what, bytes) in cases)
        {
            var result = await ImportAsync(i, bytes);
            Assert.False(result.Imported, what);
            Assert.True(result.Errors.Count > 0 && result.Errors.All(ChineseText.IsChinese), $"{what}: {string.Join(" | ", result.Errors)}");
        }
        Assert.Equal([], StateSnapshot.Take(factory).ChangesSince(before));
        var ok = await ImportAsync(i, valid);
        Assert.True(ok.Imported, string.Join("\n", ok.Errors));
    }

    private const string SheetPart = "xl/worksheets/sheet1.xml";

    /// <summary>A bomb whose entries declare a few bytes: refused by what it unpacks to (or as damaged, the lie being found first).</summary>
    [Theory]
    [MemberData(nameof(Importers))]
    public async Task ZipBombWorkbook_DeclaringSmallSizes_IsRefusedWithoutBeingUnpacked(string name)
    {
        var i = Of(name);
        var before = Count(i);
        var result = await ImportAsync(i, MalformedPackages.DeclareSmaller(Bomb.Value, SheetPart));
        Assert.False(result.Imported);
        Assert.Matches("压缩炸弹|已损坏", Assert.Single(result.Errors));
        Assert.Equal(before, Count(i));
    }
}
