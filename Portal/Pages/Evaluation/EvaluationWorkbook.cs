using ClosedXML.Excel;
using Portal.Excel;
using Portal.Statistics;

namespace Portal.Pages.Evaluation;

/// <summary>
/// The results workbook as offices print it: a title merged over the table, the round and the date, two header rows
/// (component groups over components), one row per unit; A4 landscape, fit to one page wide, the two header rows
/// repeated on every page; then one sheet per component with how each unit's points were reached.
/// Points are always shown with 2 decimals, quotas as whole numbers, and a unit without deductions has a blank 扣分.
/// </summary>
public static class EvaluationWorkbook
{
    public const string ContentType = ExcelWriter.ContentType;
    public const string ResultsSheet = "考评结果";
    public const string AwardsSheet = "评选结果";

    private enum Kind { Text, Center, Points, Count }

    public static byte[] Build(RoundResults r, DateOnly today)
    {
        using var wb = ExcelWriter.NewWorkbook();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ResultsSheetOf(wb.AddWorksheet(ExcelWriter.UniqueName(ResultsSheet, names)), r, today);
        foreach (var c in r.Components.GroupBy(c => c.Group).SelectMany(g => g))
            ComponentSheet(wb.AddWorksheet(ExcelWriter.UniqueName(ExcelWriter.SheetName(c.Name), names)), r, c, today);
        if (r.Collective.Count > 0 || r.SingleItems.Count > 0 || r.Ties.Count > 0)
            AwardsSheetOf(wb.AddWorksheet(ExcelWriter.UniqueName(AwardsSheet, names)), r, today);
        using var ms = new MemoryStream();
        ExcelWriter.Save(wb, ms);
        return ms.ToArray();
    }

    private static void ResultsSheetOf(IXLWorksheet ws, RoundResults r, DateOnly today)
    {
        var comps = r.Components.GroupBy(c => c.Group).SelectMany(g => g).ToList();
        // Columns: 名次, 单位, components…, 扣分, 总分, 等次.
        var widths = new List<double> { 8, 26 };
        widths.AddRange(comps.Select(_ => 11.0));
        widths.AddRange(new[] { 8.0, 9.0, 12.0 });
        var lastCol = widths.Count;
        Widths(ws, widths);
        ExcelWriter.TitleRow(ws, 1, lastCol, r.RoundName + "结果");
        ExcelWriter.SubtitleRow(ws, 2, lastCol,
            $"考评期间：{r.PeriodStart:yyyy-MM-dd} 至 {r.PeriodEnd:yyyy-MM-dd}　参评率：{r.ParticipationText}　满分：{r.MaxTotal:0.##} 分　制表日期：{today:yyyy-MM-dd}");

        Header(ws, 3, 1, 4, 1, "名次", widths);
        Header(ws, 3, 2, 4, 2, "单位", widths);
        var col = 3;
        foreach (var g in r.Components.GroupBy(c => c.Group))
        {
            var n = g.Count();
            if (n == 1 && g.First().Name == g.Key)
            {
                // A part made of one component (自评材料, 推荐意见) spans both header rows.
                Header(ws, 3, col, 4, col, $"{g.Key}（{g.First().Max:0.##}分）", widths);
                col++;
                continue;
            }
            Header(ws, 3, col, 3, col + n - 1, $"{g.Key}（{g.Sum(x => x.Max):0.##}分）", widths);
            foreach (var c in g)
            {
                Header(ws, 4, col, 4, col, $"{c.Name}（{c.Max:0.##}分）", widths);
                col++;
            }
        }
        foreach (var name in new[] { "扣分", "总分", "等次" })
        {
            Header(ws, 3, col, 4, col, name, widths);
            col++;
        }
        FitHeaderRows(ws, 3, 4, widths);

        var row = 5;
        foreach (var x in r.Rows)
        {
            var values = new List<(object?, Kind)> { (x.RankText, Kind.Center), (x.UnitName, Kind.Text) };
            values.AddRange(comps.Select(c => ((object?)x.PointsOf(c.Id), Kind.Points)));
            values.Add((x.Deductions == 0 ? null : x.Deductions, Kind.Points));
            values.Add((x.Total, Kind.Points));
            values.Add((x.Grade + (x.GradeTie ? "（并列）" : ""), Kind.Center));
            Row(ws, row++, widths, values);
        }
        Finish(ws, 3, 4, row - 1, lastCol);
    }

    private static void ComponentSheet(IXLWorksheet ws, RoundResults r, ComponentInfo c, DateOnly today)
    {
        var widths = new List<double> { 8, 26, 10, 8, 60 };
        Widths(ws, widths);
        ExcelWriter.TitleRow(ws, 1, 5, $"{r.RoundName} · {c.Group}{(c.Group == c.Name ? "" : " · " + c.Name)}");
        ExcelWriter.SubtitleRow(ws, 2, 5, $"满分 {c.Max:0.##} 分；计分方法：{c.Source}；制表日期：{today:yyyy-MM-dd}");
        var headers = new[] { "名次", "单位", "得分", "满分", "计分依据" };
        for (var i = 0; i < headers.Length; i++) Header(ws, 3, i + 1, 3, i + 1, headers[i], widths);
        FitHeaderRows(ws, 3, 3, widths);
        var row = 4;
        foreach (var x in CompetitionRanking.Rank(r.Rows, x => x.PointsOf(c.Id), x => x.UnitName))
        {
            var s = x.Item.Scores.First(s => s.ComponentId == c.Id);
            Row(ws, row++, widths, new List<(object?, Kind)>
                { (x.RankText, Kind.Center), (x.Item.UnitName, Kind.Text), (s.Points, Kind.Points), (c.Max, Kind.Points), (s.Detail, Kind.Text) });
        }
        Finish(ws, 3, 3, row - 1, 5);
    }

    /// <summary>
    /// 先进集体 and 单项工作先进单位 by quota, then the ties at a cut-off with the office's decisions, so the printed
    /// list says why a tied unit did or did not get the place.
    /// </summary>
    private static void AwardsSheetOf(IXLWorksheet ws, RoundResults r, DateOnly today)
    {
        var widths = new List<double> { 30, 8, 11, 30, 10, 44 };
        Widths(ws, widths);
        ExcelWriter.TitleRow(ws, 1, 6, $"{r.RoundName} · 评选结果");
        ExcelWriter.SubtitleRow(ws, 2, 6, $"先进集体和单项工作先进单位按名额取得分靠前的单位；名额临界处并列的，由评审领导小组确定。{r.AwardRule}制表日期：{today:yyyy-MM-dd}");
        ws.Cell(2, 1).Style.Alignment.WrapText = true;
        ws.Row(2).Height = ExcelText.Height(ExcelText.Lines(ws.Cell(2, 1).GetString(), widths.Sum()));
        HeaderRow(ws, 3, widths, "奖项", "名额", "名次", "单位", "得分", "说明");
        var row = 4;
        foreach (var a in r.Collective.Concat(r.SingleItems))
        {
            if (a.Candidates.Count == 0)
                Row(ws, row++, widths, new List<(object?, Kind)>
                    { (a.Title, Kind.Text), (a.Quota, Kind.Count), ("—", Kind.Center), ("无", Kind.Text), (null, Kind.Points), (null, Kind.Text) });
            foreach (var c in a.Candidates)
            {
                var note = c.TieAtCutoff ? "名额临界并列，待评审确定" : c.ByDecision ? "名额临界并列，经评审确定" : "";
                Row(ws, row++, widths, new List<(object?, Kind)>
                {
                    (a.Title, Kind.Text), (a.Quota, Kind.Count), (c.TieAtCutoff || c.ByDecision ? $"并列{c.Rank}" : c.Rank.ToString(), Kind.Center),
                    (c.UnitName, Kind.Text), (c.Points, Kind.Points), (note, Kind.Text),
                });
            }
        }
        Finish(ws, 3, 3, row - 1, 6);
        if (r.Ties.Count > 0)
        {
            row++;
            var tieHeader = row;
            HeaderRow(ws, row++, widths, "名额临界并列", "名额", "决定日期", "并列单位（得分）", "决定人", "确定结果");
            foreach (var t in r.Ties)
            {
                var tied = string.Join("、", t.Units.Select(u => $"{u.UnitName}（{Points.Text(u.Points)}）"));
                var outcome = t.Resolved ? $"确定：{string.Join("、", t.Units.Where(u => u.Granted).Select(u => u.UnitName))}；理由：{t.Decision!.Reason}"
                    : t.Stale ? $"原决定已不适用（理由：{t.Decision!.Reason}），待重新确定" : "待评审确定";
                Row(ws, row++, widths, new List<(object?, Kind)>
                {
                    (t.Title, Kind.Text), (t.Places, Kind.Count),
                    (t.Decision is null ? null : Infrastructure.ShanghaiClock.DateOf(t.Decision.DecidedAt).ToString("yyyy-MM-dd"), Kind.Center),
                    (tied == "" ? "（已无并列）" : tied, Kind.Text), (t.Decision?.DecidedBy, Kind.Center), (outcome, Kind.Text),
                });
            }
            ExcelWriter.Borders(ws.Range(tieHeader, 1, row - 1, 6));
        }
    }

    private static void Widths(IXLWorksheet ws, IReadOnlyList<double> widths)
    {
        for (var i = 0; i < widths.Count; i++) ws.Column(i + 1).Width = widths[i];
    }

    private static void Header(IXLWorksheet ws, int r1, int c1, int r2, int c2, string text, IReadOnlyList<double> widths)
    {
        var width = Enumerable.Range(c1, c2 - c1 + 1).Sum(c => widths[c - 1]);
        ExcelWriter.SetText(ws.Cell(r1, c1), ExcelText.Header(text, width));
        var range = ws.Range(r1, c1, r2, c2);
        if (r1 != r2 || c1 != c2) range.Merge();
        ExcelWriter.HeaderStyle(range);
    }

    private static void HeaderRow(IXLWorksheet ws, int row, IReadOnlyList<double> widths, params string[] headers)
    {
        for (var i = 0; i < headers.Length; i++) Header(ws, row, i + 1, row, i + 1, headers[i], widths);
        FitHeaderRows(ws, row, row, widths);
    }

    /// <summary>Header rows tall enough for the most lines any header cell wraps to (a merged cell spreads its lines over its rows).</summary>
    private static void FitHeaderRows(IXLWorksheet ws, int first, int last, IReadOnlyList<double> widths)
    {
        var lines = 1;
        for (var r = first; r <= last; r++)
            for (var c = 1; c <= widths.Count; c++)
                if (ws.Cell(r, c).GetString() is { Length: > 0 } s && (ws.Cell(r, c).IsMerged() ? ws.Cell(r, c).MergedRange().RowCount() : 1) == 1)
                    lines = Math.Max(lines, ExcelText.Lines(s, widths[c - 1]));
        for (var r = first; r <= last; r++) ws.Row(r).Height = ExcelText.Height(lines) + 4;
    }

    private static void Row(IXLWorksheet ws, int row, IReadOnlyList<double> widths, IReadOnlyList<(object? Value, Kind Kind)> cells)
    {
        var lines = 1;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = ws.Cell(row, i + 1);
            var (value, kind) = cells[i];
            ExcelWriter.SetValue(cell, kind switch { Kind.Points => ExcelColumnKind.Decimal, Kind.Count => ExcelColumnKind.Integer, _ => ExcelColumnKind.Text }, value);
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
            cell.Style.Alignment.WrapText = kind == Kind.Text;
            cell.Style.Alignment.Horizontal = kind switch
            {
                Kind.Center => XLAlignmentHorizontalValues.Center,
                Kind.Text => XLAlignmentHorizontalValues.Left,
                _ => XLAlignmentHorizontalValues.Right,
            };
            if (value is string s && kind == Kind.Text) lines = Math.Max(lines, ExcelText.Lines(s, widths[i]));
        }
        ws.Row(row).Height = ExcelText.Height(lines);
    }

    private static void Finish(IXLWorksheet ws, int firstHeader, int lastHeader, int lastRow, int lastCol)
    {
        ExcelWriter.Borders(ws.Range(firstHeader, 1, Math.Max(lastRow, lastHeader), lastCol));
        ExcelWriter.PrintSetup(ws, firstHeader, lastHeader, oneOfSeveral: true);
    }
}
