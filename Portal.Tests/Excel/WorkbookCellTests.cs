using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Portal.Data;
using Portal.Excel;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Excel;

/// <summary>Every workbook cell by cell: number formats, print titles, orientation, the page-number footer, the formula-text guard.</summary>
public class WorkbookCellTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<byte[]> GetAsync(string url)
    {
        var staff = await factory.SignInAsync("demo.staff");
        var bytes = await staff.GetByteArrayAsync(url);
        ExcelAssert.Valid(bytes);
        return bytes;
    }

    private static Dictionary<string, string> HeaderFormats(IXLWorksheet ws, int headerRow)
    {
        var formats = new Dictionary<string, string>();
        // The format of the column's first number ("—" where a rate has no denominator is text).
        var last = ws.LastRowUsed()!.RowNumber();
        foreach (var cell in ws.Row(headerRow).CellsUsed())
        {
            var column = cell.Address.ColumnNumber;
            var first = Enumerable.Range(headerRow + 1, Math.Max(last - headerRow, 1)).Select(r => ws.Cell(r, column))
                .FirstOrDefault(c => c.DataType != XLDataType.Text) ?? ws.Cell(headerRow + 1, column);
            formats[cell.GetString().Replace("\n", "")] = first.Style.NumberFormat.Format;
        }
        return formats;
    }

    private static void AssertPrintedAsFiled(byte[] xlsx, int headerRow, bool countsPages)
    {
        using var wb = new XLWorkbook(new MemoryStream(xlsx));
        foreach (var ws in wb.Worksheets)
        {
            var p = ws.PageSetup;
            Assert.Equal(XLPaperSize.A4Paper, p.PaperSize);
            Assert.Equal(XLPageOrientation.Landscape, p.PageOrientation);
            Assert.Equal(1, p.PagesWide);
            Assert.Equal(0, p.PagesTall);
            var footer = p.Footer.Center.GetText(XLHFOccurrence.OddPages);
            Assert.Contains("第 &P 页", footer);
            Assert.Equal(countsPages, footer.Contains("&N"));
            Assert.Equal(1u, p.FirstPageNumber);
        }
        // Print titles as Excel writes them (absolute, sheet name quoted), the form LibreOffice repeats.
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var titles = doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Where(n => n.Name == "_xlnm.Print_Titles").ToList();
        Assert.Equal(doc.WorkbookPart.Workbook.Sheets!.Count(), titles.Count);
        Assert.Contains(titles, t => t.LocalSheetId!.Value == 0 && t.Text.EndsWith($"'!${headerRow}:${headerRow}") && t.Text.StartsWith("'"));
    }

    [Fact]
    public async Task SubmissionsLedger_DefaultSelection_FormatsAndPrint()
    {
        var bytes = await GetAsync("/Submissions/Ledger?handler=Export&period.kind=quarter&period.year=2026&period.number=2");
        using (var wb = new XLWorkbook(new MemoryStream(bytes)))
        {
            var ws = wb.Worksheet(1);
            var formats = HeaderFormats(ws, 4);
            Assert.Equal(SubmissionLedger.Columns().Where(c => c.Print).Select(c => c.Header), formats.Keys);
            Assert.Equal("0", formats["序号"]);
            Assert.Equal("yyyy-mm-dd", formats["报送日期"]);
            Assert.Equal("0.00", formats["得分"]);
            Assert.Equal("@", formats["标题"]);
            // Long text wraps inside its column, the row as tall as its lines.
            var tallest = ws.RowsUsed(r => r.RowNumber() > 4).Max(r => r.Height);
            Assert.True(tallest > ExcelText.Height(1), $"{tallest}");
            Assert.True(ws.Cell(5, 3).Style.Alignment.WrapText);
        }
        AssertPrintedAsFiled(bytes, 4, countsPages: true);

        var full = await GetAsync("/Submissions/Ledger?handler=Export&columns=all&period.kind=quarter&period.year=2026&period.number=2");
        using (var wb = new XLWorkbook(new MemoryStream(full)))
            Assert.Equal(SubmissionLedger.Columns().Select(c => c.Header), HeaderFormats(wb.Worksheet(1), 4).Keys);
        var picked = await GetAsync("/Submissions/Ledger?handler=Export&columns=custom&col=标题&col=报送单位&col=不存在&period.kind=quarter&period.year=2026&period.number=2");
        using (var wb = new XLWorkbook(new MemoryStream(picked)))
            Assert.Equal(new[] { "报送单位", "标题" }, HeaderFormats(wb.Worksheet(1), 4).Keys);
    }

    [Fact]
    public async Task Statistics_RatesArePercentsWithOneDecimal_CountsWhole_PagesNumberedPerSheet()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var supervision = await GetAsync($"/Supervision/Statistics?handler=Export&kind=year&year={year}");
        using (var wb = new XLWorkbook(new MemoryStream(supervision)))
        {
            var formats = HeaderFormats(wb.Worksheet(1), 4);
            Assert.Equal("0", formats["交办数"]);
            Assert.Equal("0.0%", formats["办结率"]);
            Assert.Equal("0.0%", formats["满意率"]);
            Assert.StartsWith("各单位办结情况", wb.Worksheet(1).PageSetup.Footer.Center.GetText(XLHFOccurrence.OddPages));
        }
        AssertPrintedAsFiled(supervision, 4, countsPages: false);

        var ranking = await GetAsync("/Submissions/Statistics?handler=Export&period.kind=year&period.year=2026");
        using (var wb = new XLWorkbook(new MemoryStream(ranking)))
        {
            // Title, period, 名次依据, export time: the header is row 5.
            var formats = HeaderFormats(wb.Worksheet(1), 5);
            Assert.Equal("0", formats["报送（条）"]);
            Assert.Equal("0.00", formats["得分"]);
        }
        AssertPrintedAsFiled(ranking, 5, countsPages: true);
    }

    [Fact]
    public async Task EvaluationWorkbook_PointsTwoDecimals_QuotasWhole_ZeroDeductionBlank()
    {
        var id = factory.Db(db => db.Set<EvaluationRound>().Single(r => r.Name.Contains("全市政府系统") && !r.IsLocked).Id);
        var bytes = await GetAsync($"/Evaluation/Round?handler=Export&id={id}");
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var ws = wb.Worksheet(EvaluationWorkbook.ResultsSheet);
        var last = ws.LastColumnUsed().ColumnNumber();
        var (deduction, total) = (last - 2, last - 1);
        Assert.Equal("扣分", ws.Cell(3, deduction).GetString());
        var rows = ws.RowsUsed(r => r.RowNumber() > 4).ToList();
        Assert.All(rows, r => Assert.Equal("0.00", r.Cell(total).Style.NumberFormat.Format));
        Assert.All(rows, r => Assert.True(r.Cell(deduction).IsEmpty() || r.Cell(deduction).GetDouble() > 0));
        Assert.Contains(rows, r => r.Cell(deduction).IsEmpty());
        // No header breaks inside its bracket.
        Assert.All(ws.Range(3, 1, 4, last).CellsUsed(), c => Assert.DoesNotContain("（\n", c.GetString()));
        Assert.All(ws.Range(3, 1, 4, last).CellsUsed().Select(c => c.GetString().Split('\n')), lines => Assert.DoesNotContain(lines, l => l.StartsWith("）")));

        var awards = wb.Worksheet(EvaluationWorkbook.AwardsSheet);
        var quotas = awards.Column(2).CellsUsed(c => c.Address.RowNumber > 3 && c.DataType == XLDataType.Number).ToList();
        Assert.NotEmpty(quotas);
        Assert.All(quotas, c => Assert.Equal("0", c.Style.NumberFormat.Format));
        Assert.All(awards.Column(5).CellsUsed(c => c.Address.RowNumber > 3 && c.DataType == XLDataType.Number), c => Assert.Equal("0.00", c.Style.NumberFormat.Format));
        foreach (var sheet in wb.Worksheets)
            Assert.Equal($"{sheet.Name}　第 &P 页", sheet.PageSetup.Footer.Center.GetText(XLHFOccurrence.OddPages));
    }

    [Fact]
    public void FormulaText_IsTextWithQuotePrefix_InEveryWriter()
    {
        var sheet = new ExcelSheet("台账", new[] { new ExcelColumn("标题", Print: true), new ExcelColumn("正文") }) { Title = "t" };
        sheet.AddRow("=1+2", "@SUM(A1)").AddRow("+86 电话", "-减号");
        var bytes = ExcelWriter.ToBytes(new ExcelColumnChoice().Apply(sheet));
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var ws = wb.Worksheet(1);
        Assert.Equal(new[] { "=1+2", "+86 电话" }, new[] { ws.Cell(3, 1), ws.Cell(4, 1) }.Select(c => c.GetString()));
        Assert.All(new[] { ws.Cell(3, 1), ws.Cell(4, 1) }, c => { Assert.False(c.HasFormula); Assert.True(c.Style.IncludeQuotePrefix); Assert.Equal(XLDataType.Text, c.DataType); });
        Assert.True(ws.Cell(2, 2).IsEmpty()); // the print selection left 正文 out
    }
}
