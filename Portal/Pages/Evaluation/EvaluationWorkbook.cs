using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Portal.Excel;

namespace Portal.Pages.Evaluation;

/// <summary>
/// The results workbook as offices print it: a title merged over the table, the round and the date, two header rows
/// (component groups over components), one row per unit; A4 landscape, fit to one page wide, the two header rows
/// repeated on every page; then one sheet per component with how each unit's points were reached.
/// </summary>
public static class EvaluationWorkbook
{
    public const string ContentType = ExcelWriter.ContentType;
    public const string ResultsSheet = "考评结果";
    public const string AwardsSheet = "评选结果";

    // Style indexes in the stylesheet below.
    private const uint Title = 1, Subtitle = 2, Header = 3, Text = 4, Number = 5, Center = 6;

    public static byte[] Build(RoundResults r, DateOnly today)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = wb.Workbook.AppendChild(new Sheets());
            var names = new DefinedNames();

            var comps = r.Components;
            // Columns: 名次, 单位, components…, 扣分, 总分, 等次.
            var lastCol = 2 + comps.Count + 3;
            var rows = new List<Row>
            {
                RowOf(1, 28, (1, r.RoundName + "结果", Title)),
                RowOf(2, 20, (1, $"考评期间：{r.PeriodStart:yyyy-MM-dd} 至 {r.PeriodEnd:yyyy-MM-dd}　参评率：{r.ParticipationText}　满分：{r.MaxTotal:0.##} 分　制表日期：{today:yyyy-MM-dd}", Subtitle)),
            };
            var merges = new List<string> { Range(1, 1, lastCol, 1), Range(1, 2, lastCol, 2) };
            var h1 = new List<(int, object?, uint)> { (1, "名次", Header), (2, "单位", Header) };
            var h2 = new List<(int, object?, uint)> { (1, null, Header), (2, null, Header) };
            merges.Add(Range(1, 3, 1, 4));
            merges.Add(Range(2, 3, 2, 4));
            var col = 3;
            foreach (var g in comps.GroupBy(c => c.Group))
            {
                var n = g.Count();
                var first = col;
                if (n == 1 && g.First().Name == g.Key)
                {
                    // A part made of one component (自评材料, 推荐意见) spans both header rows.
                    h1.Add((col, $"{g.Key}（{g.First().Max:0.##}分）", Header));
                    h2.Add((col, null, Header));
                    merges.Add(Range(col, 3, col, 4));
                    col++;
                    continue;
                }
                foreach (var c in g)
                {
                    h1.Add((col, col == first ? $"{g.Key}（{g.Sum(x => x.Max):0.##}分）" : null, Header));
                    h2.Add((col, $"{c.Name}（{c.Max:0.##}分）", Header));
                    col++;
                }
                if (n > 1) merges.Add(Range(first, 3, col - 1, 3));
            }
            foreach (var (name, i) in new[] { "扣分", "总分", "等次" }.Select((x, i) => (x, i)))
            {
                h1.Add((col + i, name, Header));
                h2.Add((col + i, null, Header));
                merges.Add(Range(col + i, 3, col + i, 4));
            }
            rows.Add(RowOf(3, 22, h1.ToArray()));
            rows.Add(RowOf(4, 30, h2.ToArray()));
            var rowNo = 5u;
            foreach (var row in r.Rows)
            {
                var cells = new List<(int, object?, uint)> { (1, row.RankText, Center), (2, row.UnitName, Text) };
                var c2 = 3;
                foreach (var c in comps.GroupBy(c => c.Group).SelectMany(g => g))
                    cells.Add((c2++, row.PointsOf(c.Id), Number));
                cells.Add((c2++, row.Deductions, Number));
                cells.Add((c2++, row.Total, Number));
                cells.Add((c2, row.Grade + (row.GradeTie ? "（并列）" : ""), Center));
                rows.Add(RowOf(rowNo++, 18, cells.ToArray()));
            }
            var widths = new List<double> { 8, 26 };
            widths.AddRange(comps.Select(_ => 11.0));
            widths.AddRange(new[] { 8.0, 9.0, 12.0 });
            AddSheet(wb, sheets, ResultsSheet, rows, merges, widths, landscape: true);
            // Print titles: the two header rows on every printed page.
            names.Append(new DefinedName { Name = "_xlnm.Print_Titles", LocalSheetId = 0, Text = $"'{ResultsSheet}'!$3:$4" });

            var sheetIndex = 1u;
            foreach (var c in comps.GroupBy(c => c.Group).SelectMany(g => g))
            {
                var sheetName = SheetName(c.Name, sheets);
                var ranked = Statistics.CompetitionRanking.Rank(r.Rows, x => x.PointsOf(c.Id), x => x.UnitName);
                var crow = new List<Row>
                {
                    RowOf(1, 26, (1, $"{r.RoundName} · {c.Group}{(c.Group == c.Name ? "" : " · " + c.Name)}", Title)),
                    RowOf(2, 20, (1, $"满分 {c.Max:0.##} 分；计分方法：{c.Source}；制表日期：{today:yyyy-MM-dd}", Subtitle)),
                    RowOf(3, 22, (1, "名次", Header), (2, "单位", Header), (3, "得分", Header), (4, "满分", Header), (5, "计分依据", Header)),
                };
                var rn = 4u;
                foreach (var x in ranked)
                {
                    var s = x.Item.Scores.First(s => s.ComponentId == c.Id);
                    crow.Add(RowOf(rn++, 18, (1, x.RankText, Center), (2, x.Item.UnitName, Text), (3, s.Points, Number), (4, c.Max, Number), (5, s.Detail, Text)));
                }
                AddSheet(wb, sheets, sheetName, crow, new List<string> { Range(1, 1, 5, 1), Range(1, 2, 5, 2) }, new List<double> { 8, 26, 10, 8, 60 }, landscape: true);
                names.Append(new DefinedName { Name = "_xlnm.Print_Titles", LocalSheetId = sheetIndex++, Text = $"'{sheetName}'!$3:$3" });
            }
            if (r.Collective.Count > 0 || r.SingleItems.Count > 0 || r.Ties.Count > 0)
            {
                var (arows, amerges) = AwardRows(r, today);
                var awardsName = SheetName(AwardsSheet, sheets);
                AddSheet(wb, sheets, awardsName, arows, amerges, new List<double> { 30, 8, 11, 30, 10, 44 }, landscape: true);
                names.Append(new DefinedName { Name = "_xlnm.Print_Titles", LocalSheetId = sheetIndex++, Text = $"'{awardsName}'!$3:$3" });
            }
            wb.Workbook.Append(names);
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    /// <summary>
    /// 先进集体 and 单项工作先进单位 by quota, then the ties at a cut-off with the office's decisions, so the printed
    /// list says why a tied unit did or did not get the place.
    /// </summary>
    private static (List<Row> Rows, List<string> Merges) AwardRows(RoundResults r, DateOnly today)
    {
        var rows = new List<Row>
        {
            RowOf(1, 26, (1, $"{r.RoundName} · 评选结果", Title)),
            RowOf(2, 20, (1, $"先进集体和单项工作先进单位按名额取得分靠前的单位；名额临界处并列的，由评审领导小组确定。{r.AwardRule}制表日期：{today:yyyy-MM-dd}", Subtitle)),
            RowOf(3, 22, (1, "奖项", Header), (2, "名额", Header), (3, "名次", Header), (4, "单位", Header), (5, "得分", Header), (6, "说明", Header)),
        };
        var merges = new List<string> { Range(1, 1, 6, 1), Range(1, 2, 6, 2) };
        var n = 4u;
        foreach (var a in r.Collective.Concat(r.SingleItems))
        {
            if (a.Candidates.Count == 0)
                rows.Add(RowOf(n++, 18, (1, a.Title, Text), (2, (decimal)a.Quota, Number), (3, "—", Center), (4, "无", Text), (5, null, Number), (6, null, Text)));
            foreach (var c in a.Candidates)
            {
                var note = c.TieAtCutoff ? "名额临界并列，待评审确定" : c.ByDecision ? "名额临界并列，经评审确定" : "";
                rows.Add(RowOf(n++, 18, (1, a.Title, Text), (2, (decimal)a.Quota, Number), (3, c.TieAtCutoff || c.ByDecision ? $"并列{c.Rank}" : c.Rank.ToString(), Center),
                    (4, c.UnitName, Text), (5, c.Points, Number), (6, note, Text)));
            }
        }
        if (r.Ties.Count > 0)
        {
            n++;
            rows.Add(RowOf(n++, 22, (1, "名额临界并列", Header), (2, "名额", Header), (3, "决定日期", Header), (4, "并列单位（得分）", Header), (5, "决定人", Header), (6, "确定结果", Header)));
            foreach (var t in r.Ties)
            {
                var tied = string.Join("、", t.Units.Select(u => $"{u.UnitName}（{u.Points:0.##}）"));
                var outcome = t.Resolved ? $"确定：{string.Join("、", t.Units.Where(u => u.Granted).Select(u => u.UnitName))}；理由：{t.Decision!.Reason}"
                    : t.Stale ? $"原决定已不适用（理由：{t.Decision!.Reason}），待重新确定" : "待评审确定";
                rows.Add(RowOf(n++, 30, (1, t.Title, Text), (2, (decimal)t.Places, Number),
                    (3, t.Decision is null ? null : Infrastructure.ShanghaiClock.DateOf(t.Decision.DecidedAt).ToString("yyyy-MM-dd"), Center),
                    (4, tied == "" ? "（已无并列）" : tied, Text), (5, t.Decision?.DecidedBy, Center), (6, outcome, Text)));
            }
        }
        return (rows, merges);
    }

    private static string SheetName(string name, Sheets sheets)
    {
        var clean = new string(name.Select(ch => "[]:*?/\\".Contains(ch) ? '_' : ch).ToArray());
        if (clean.Length > 28) clean = clean[..28];
        var candidate = clean;
        for (var i = 2; sheets.Elements<Sheet>().Any(s => s.Name == candidate); i++) candidate = $"{clean}{i}";
        return candidate;
    }

    private static void AddSheet(WorkbookPart wb, Sheets sheets, string name, List<Row> rows, List<string> merges, List<double> widths, bool landscape)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        var ws = new Worksheet();
        ws.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        ws.Append(new SheetViews(new SheetView { WorkbookViewId = 0, TabSelected = sheets.ChildElements.Count == 0 }));
        var cols = new Columns();
        for (var i = 0; i < widths.Count; i++)
            cols.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
        ws.Append(cols);
        var data = new SheetData();
        foreach (var row in rows) data.Append(row);
        ws.Append(data);
        var mc = new MergeCells();
        foreach (var m in merges) mc.Append(new MergeCell { Reference = m });
        ws.Append(mc);
        ws.Append(new PrintOptions { HorizontalCentered = true });
        ws.Append(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
        // A4 (paper size 9), landscape, one page wide and as many pages tall as needed.
        ws.Append(new PageSetup { PaperSize = 9, Orientation = landscape ? OrientationValues.Landscape : OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0 });
        ws.Append(new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
        part.Worksheet = ws;
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static Row RowOf(uint index, double height, params (int Col, object? Value, uint Style)[] cells)
    {
        var row = new Row { RowIndex = index, Height = height, CustomHeight = true };
        foreach (var (col, value, style) in cells.OrderBy(c => c.Col))
        {
            var cell = new Cell { CellReference = ExcelWriter.ColumnLetter(col - 1) + index, StyleIndex = style };
            switch (value)
            {
                case null: break;
                case decimal d: cell.CellValue = new CellValue(d); cell.DataType = CellValues.Number; break;
                case string s:
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(s));
                    break;
                default: throw new ArgumentException("unsupported cell value " + value.GetType());
            }
            row.Append(cell);
        }
        return row;
    }

    private static string Range(int c1, uint r1, int c2, uint r2) =>
        $"{ExcelWriter.ColumnLetter(c1 - 1)}{r1}:{ExcelWriter.ColumnLetter(c2 - 1)}{r2}";

    private static Stylesheet Stylesheet()
    {
        Font F(double size, bool bold) { var f = new Font(); if (bold) f.Append(new Bold()); f.Append(new FontSize { Val = size }); f.Append(new FontName { Val = "宋体" }); return f; }
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        CellFormat X(uint font, uint border, uint numFmt, HorizontalAlignmentValues h, bool wrap = false) =>
            new(new Alignment { Horizontal = h, Vertical = VerticalAlignmentValues.Center, WrapText = wrap })
            { FontId = font, BorderId = border, NumberFormatId = numFmt, FillId = 0, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true, ApplyNumberFormat = numFmt != 0 };
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.00" }) { Count = 1 },
            new Fonts(F(11, false), F(16, true), F(10, false), F(10, true)) { Count = 4 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
                X(1, 0, 0, HorizontalAlignmentValues.Center),          // Title
                X(2, 0, 0, HorizontalAlignmentValues.Left),            // Subtitle
                X(3, 1, 0, HorizontalAlignmentValues.Center, true),    // Header
                X(2, 1, 0, HorizontalAlignmentValues.Left, true),      // Text
                X(2, 1, 164, HorizontalAlignmentValues.Right),         // Number
                X(2, 1, 0, HorizontalAlignmentValues.Center)) { Count = 7 });
    }
}
