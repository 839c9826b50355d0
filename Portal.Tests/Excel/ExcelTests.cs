using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Portal.Excel;

namespace Portal.Tests.Excel;

/// <summary>Shared by every test that exports a workbook.</summary>
public static class ExcelAssert
{
    /// <summary>Asserts the workbook passes the Open XML SDK's validator (what Excel and WPS need to open it without repair).</summary>
    public static void Valid(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2010).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}

public class ExcelTests
{
    private static ExcelSheet Sample()
    {
        var sheet = new ExcelSheet("台账", new[]
        {
            new ExcelColumn("序号", ExcelColumnKind.Integer),
            new ExcelColumn("标题"),
            new ExcelColumn("报送日期", ExcelColumnKind.Date),
            new ExcelColumn("得分", ExcelColumnKind.Decimal),
            new ExcelColumn("采用率", ExcelColumnKind.Percent),
            new ExcelColumn("导出时间", ExcelColumnKind.DateTime),
        })
        { Title = "信息报送台账" };
        sheet.Subtitles.Add("统计期间：2026年");
        sheet.Subtitles.Add("导出时间：2026-11-22 10:30");
        sheet.AddRow(1, "城关区推进政务服务“一网通办”", new DateOnly(2026, 3, 5), 12.5m, 0.923m, new DateTime(2026, 3, 5, 8, 30, 0));
        sheet.AddRow(2, "=HYPERLINK(\"http://x\")", new DateOnly(2026, 12, 31), 0m, "—", null);
        sheet.AddRow(3, "+1 -2 @3", null, null, null, null);
        sheet.AddRow(4, "-负数开头", new DateOnly(2026, 1, 1), 3m, 1m, null);
        sheet.AddRow(5, "@某人\u0001控制字符", new DateOnly(2026, 1, 1), 3m, 0.5m, null);
        return sheet;
    }

    [Fact]
    public void Writer_Workbook_PassesOpenXmlValidator()
    {
        var empty = new ExcelSheet("空表", new[] { new ExcelColumn("单位") }) { Title = "空" };
        ExcelAssert.Valid(ExcelWriter.ToBytes(Sample(), empty, Sample()));
    }

    [Fact]
    public void Writer_FreezesHeader_AndPutsAutofilterOnHeaderRow()
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(ExcelWriter.ToBytes(Sample())), false);
        var ws = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var pane = ws.Descendants<Pane>().Single();
        Assert.Contains(pane.State!.Value, new[] { PaneStateValues.Frozen, PaneStateValues.FrozenSplit });
        Assert.Equal(4D, pane.VerticalSplit!.Value);
        Assert.Equal("A5", pane.TopLeftCell!.Value);
        Assert.Equal("A4:F9", ws.Descendants<AutoFilter>().Single().Reference!.Value);
        Assert.Contains(doc.WorkbookPart.Workbook.Descendants<DefinedName>(), n => n.Name == "_xlnm._FilterDatabase");
    }

    [Fact]
    public void Writer_TextThatLooksLikeAFormula_IsTextWithQuotePrefix_NeverAFormula()
    {
        var bytes = ExcelWriter.ToBytes(Sample());
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var wb = doc.WorkbookPart!;
        Assert.Empty(wb.WorksheetParts.Single().Worksheet.Descendants<CellFormula>());
        var xfs = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var cells = wb.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        foreach (var reference in new[] { "B6", "B7", "B8", "B9" })
        {
            var cell = cells.Single(c => c.CellReference == reference);
            Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
            Assert.True(xfs[(int)cell.StyleIndex!.Value].QuotePrefix?.Value, reference);
        }
        var plain = cells.Single(c => c.CellReference == "B5");
        Assert.NotEqual(true, xfs[(int)plain.StyleIndex!.Value].QuotePrefix?.Value);
    }

    [Fact]
    public void Writer_ChineseColumns_AreWiderThanAsciiOfTheSameLength()
    {
        var cjk = ExcelWriter.FitWidth(new ExcelColumn("标题"), new object?[] { "城关区推进政务服务一网通办" });
        var ascii = ExcelWriter.FitWidth(new ExcelColumn("标题"), new object?[] { "abcdefghijklm" });
        Assert.True(cjk > ascii * 1.5, $"{cjk} vs {ascii}");
        Assert.True(ExcelWriter.FitWidth(new ExcelColumn("正文"), new object?[] { new string('字', 500) }) <= 63);
    }

    [Fact]
    public void WriteThenRead_GivesTheSameValues()
    {
        var table = ExcelTableReader.Open(new MemoryStream(ExcelWriter.ToBytes(Sample())),
            new[] { "序号", "标题", "报送日期" }, new[] { "得分", "采用率", "不存在的列" });
        Assert.Equal(4, table.HeaderRowNumber);
        var rows = table.Records;
        Assert.Equal(5, rows.Count);
        Assert.Equal(5, rows[0].Row);
        Assert.Equal("城关区推进政务服务“一网通办”", rows[0].Text("标题"));
        Assert.Equal(new DateOnly(2026, 3, 5), rows[0].Date("报送日期"));
        Assert.Equal(12.5m, rows[0].Number("得分"));
        Assert.Equal(0.923m, rows[0].Number("采用率"));
        Assert.Equal(1, rows[0].Integer("序号"));
        Assert.Equal("=HYPERLINK(\"http://x\")", rows[1].Text("标题"));
        Assert.Equal("@某人控制字符", rows[4].Text("标题"));
        Assert.Null(rows[2].Date("报送日期"));
        Assert.False(table.HasErrors, string.Join("\n", table.Errors));
    }

    [Fact]
    public void Reader_CollectsEveryError_WithRowAndColumn()
    {
        var sheet = new ExcelSheet("导入", new[] { new ExcelColumn("标题"), new ExcelColumn("日期"), new ExcelColumn("分数") }) { Title = "t" };
        sheet.AddRow("好的一行", "2026/3/5", "2");
        sheet.AddRow(null, "2026-02-30", "abc");
        sheet.AddRow("第三行", "2026年3月7日", -1m);
        var table = ExcelTableReader.Open(new MemoryStream(ExcelWriter.ToBytes(sheet)), new[] { "标题", "日期", "分数" });
        foreach (var r in table.Records)
        {
            r.Text("标题", required: true);
            r.Date("日期", required: true);
            r.Integer("分数", required: true, min: 0);
        }
        var errors = table.SortedErrors().Select(e => e.ToString()).ToList();
        Assert.Equal(new[]
        {
            "第4行 A列（标题）：不能为空。",
            "第4行 B列（日期）：日期无效：“2026-02-30”，应为 yyyy-MM-dd。",
            "第4行 C列（分数）：不是数字：“abc”。",
            "第5行 C列（分数）：不能小于 0。",
        }, errors);
        Assert.Equal(new DateOnly(2026, 3, 5), table.Records[0].Date("日期"));
        Assert.Equal(new DateOnly(2026, 3, 7), table.Records[2].Date("日期"));
    }

    [Fact]
    public void Reader_MissingHeaders_OrNotAWorkbook_IsOneFileError()
    {
        var sheet = new ExcelSheet("x", new[] { new ExcelColumn("标题") }).AddRow("a");
        var missing = ExcelTableReader.Open(new MemoryStream(ExcelWriter.ToBytes(sheet)), new[] { "标题", "单位" });
        Assert.Contains("找不到表头行", missing.Errors.Single().Message);
        var junk = ExcelTableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("not a workbook")), new[] { "标题" });
        Assert.Contains("不是有效的 Excel", junk.Errors.Single().ToString());
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void ColumnLetters_RoundTrip(int index, string letters)
    {
        Assert.Equal(letters, ExcelWriter.ColumnLetter(index));
        Assert.Equal(index, ExcelReader.ColumnIndex(letters + "12"));
    }
}
