using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Portal.Data;
using Portal.Pages.Evaluation;

namespace Portal.Tests.Evaluation;

public class EvaluationWorkbookTests
{
    private static RoundResults Results()
    {
        var comps = new List<ComponentInfo>
        {
            new(1, "自评材料", "自评材料", 30, FillMethod.Entered, 0, "处室录入"),
            new(2, "单项工作", "信息", 20, FillMethod.InformationPoints, 1, "信息积分按最高分折算"),
            new(3, "单项工作", "值班", 15, FillMethod.Entered, 1, "处室录入（100分制折算）"),
            new(4, "推荐意见", "推荐意见", 30, FillMethod.Recommendations, 0, "推荐票数按最高票折算"),
        };
        ResultRow Row(int id, string name, decimal a, decimal b, decimal c, decimal d, decimal ded, decimal total, int rank, bool tied, string grade) =>
            new(id, name, UnitKind.CountyOffice, new() { new(1, a, "录入"), new(2, b, "积分"), new(3, c, "录入"), new(4, d, "票") },
                ded, new(), total, rank, tied, grade, false, null);
        var rows = new List<ResultRow>
        {
            Row(1, "城关区政府办公室", 28, 20, 14, 30, 0, 92, 1, false, "优秀"),
            Row(2, "滨江区政府办公室", 25, 15, 12, 20, 0, 72, 2, true, "良好"),
            Row(3, "东山县政府办公室", 27, 10, 15, 22, 2, 72, 2, true, "良好"),
        };
        return new RoundResults(7, "2026年度全市政府系统办公室工作考评", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 95,
            comps, rows, 4, 3, new(), new(), DateTime.UtcNow, true);
    }

    [Fact]
    public void Workbook_IsValid_AndLaidOutForPrinting()
    {
        var bytes = EvaluationWorkbook.Build(Results(), new DateOnly(2026, 11, 22));
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2010).Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(new[] { "考评结果", "自评材料", "信息", "值班", "推荐意见" }, sheets.Select(s => s.Name!.Value));
        var ws = ((WorksheetPart)wb.GetPartById(sheets[0].Id!)).Worksheet;

        // Title and subtitle, merged over the whole table (名次, 单位, 4 components, 扣分, 总分, 等次 = A…I).
        Assert.Equal("2026年度全市政府系统办公室工作考评结果", Text(ws, "A1"));
        Assert.Contains("考评期间：2026-01-01 至 2026-12-31", Text(ws, "A2"));
        Assert.Contains("参评率：3 / 4（75.0%）", Text(ws, "A2"));
        Assert.Contains("制表日期：2026-11-22", Text(ws, "A2"));
        var merges = ws.Descendants<MergeCell>().Select(m => m.Reference!.Value).ToHashSet();
        Assert.Superset(new HashSet<string?> { "A1:I1", "A2:I2", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4", "H3:H4", "I3:I4" }, merges);

        // Two header rows: groups over components; a header too wide for its column breaks before its bracket, never inside it.
        Assert.Equal("名次", Text(ws, "A3"));
        Assert.Equal("单位", Text(ws, "B3"));
        Assert.Equal("自评材料\n（30分）", Text(ws, "C3"));
        Assert.Equal("单项工作（35分）", Text(ws, "D3"));
        Assert.Equal("信息\n（20分）", Text(ws, "D4"));
        Assert.Equal("值班\n（15分）", Text(ws, "E4"));
        Assert.Equal("推荐意见\n（30分）", Text(ws, "F3"));
        Assert.Equal(new[] { "扣分", "总分", "等次" }, new[] { "G3", "H3", "I3" }.Select(c => Text(ws, c)));

        // One row per unit: scores as numbers, total, shared rank, grade.
        Assert.Equal("城关区政府办公室", Text(ws, "B5"));
        Assert.Equal("1", Text(ws, "A5"));
        Assert.Equal("92", Value(ws, "H5"));
        Assert.Equal("并列2", Text(ws, "A6"));
        Assert.Equal("并列2", Text(ws, "A7"));
        Assert.Equal("72", Value(ws, "H7"));
        Assert.Equal("2", Value(ws, "G7"));
        Assert.Equal("20", Value(ws, "D5"));
        Assert.Equal("优秀", Text(ws, "I5"));
        Assert.Null(Cell(ws, "A8"));

        // Print: A4 landscape, one page wide, header rows 3–4 repeated on every page.
        var setup = ws.GetFirstChild<PageSetup>()!;
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(9u, setup.PaperSize!.Value);
        Assert.Equal(1u, setup.FitToWidth?.Value ?? 1u); // 1 is the schema default, left out by ClosedXML
        Assert.Equal(0u, setup.FitToHeight!.Value);
        Assert.True(ws.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        var titles = wb.Workbook.DefinedNames!.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles").ToList();
        Assert.Contains(titles, d => d.LocalSheetId!.Value == 0 && d.Text.Replace("'", "").Replace("$", "") == "考评结果!3:4");
        Assert.Equal(sheets.Count, titles.Count);

        // A sheet per component with its details, ranked by the component.
        var info = ((WorksheetPart)wb.GetPartById(sheets[2].Id!)).Worksheet;
        Assert.Contains("信息", Text(info, "A1"));
        Assert.Equal(new[] { "名次", "单位", "得分", "满分", "计分依据" }, new[] { "A3", "B3", "C3", "D3", "E3" }.Select(c => Text(info, c)));
        Assert.Equal("城关区政府办公室", Text(info, "B4"));
        Assert.Equal("20", Value(info, "C4"));
        Assert.Equal("积分", Text(info, "E4"));
        Assert.Equal(OrientationValues.Landscape, info.GetFirstChild<PageSetup>()!.Orientation!.Value);
    }

    private static Cell? Cell(Worksheet ws, string reference) =>
        ws.Descendants<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);

    private static string? Text(Worksheet ws, string reference) =>
        Cell(ws, reference) is { DataType.Value: var t } c && t == CellValues.SharedString
            ? ws.WorksheetPart!.GetParentParts().OfType<WorkbookPart>().Single().SharedStringTablePart!.SharedStringTable
                .Elements<SharedStringItem>().ElementAt(int.Parse(c.CellValue!.Text)).InnerText
            : Cell(ws, reference)?.InlineString?.InnerText;

    private static string? Value(Worksheet ws, string reference) => Cell(ws, reference)?.CellValue?.Text;
}
