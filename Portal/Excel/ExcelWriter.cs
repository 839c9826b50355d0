using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Portal.Excel;

/// <summary>
/// Writes <see cref="ExcelSheet"/>s through ClosedXML as the office files its tables: title, period and export time over
/// the table, a header row repeated on every printed page, A4 landscape one page wide, "第 N 页，共 M 页" in the
/// footer, long text wrapped inside its column with the row height fitted, frozen header and an autofilter.
/// Text is never a formula: every string is written as text, and one that begins with = + - @ also gets the quote
/// prefix, so that editing it in Excel does not turn it into a formula either (spreadsheet injection).
/// </summary>
public static class ExcelWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string FontName = "宋体";
    /// <summary>Body size: at the default column selection a ledger fits one page wide at 80 % or more, so it prints at 8 pt or larger.</summary>
    public const double BodyFontSize = 10;
    private const int MaxCellText = 32767;

    public static byte[] ToBytes(params ExcelSheet[] sheets)
    {
        using var ms = new MemoryStream();
        Write(ms, sheets);
        return ms.ToArray();
    }

    public static void Write(Stream output, params ExcelSheet[] sheets)
    {
        if (sheets.Length == 0) throw new ArgumentException("a workbook needs at least one sheet", nameof(sheets));
        using var wb = NewWorkbook();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in sheets)
            WriteSheet(wb.AddWorksheet(UniqueName(SheetName(sheet.Name), names)), sheet, sheets.Length > 1);
        Save(wb, output);
    }

    /// <summary>A workbook in the office's face: 宋体 with the GB2312 charset, so that WPS and Excel pick the Chinese font.</summary>
    public static XLWorkbook NewWorkbook()
    {
        var wb = new XLWorkbook();
        wb.Style.Font.FontName = FontName;
        wb.Style.Font.FontSize = BodyFontSize;
        wb.Style.Font.FontCharSet = XLFontCharSet.GB2312;
        return wb;
    }

    /// <summary>Saves into a buffer first: the package needs a seekable stream, a response body is not one.</summary>
    public static void Save(XLWorkbook wb, Stream output)
    {
        using var buffer = new MemoryStream();
        wb.SaveAs(buffer);
        AbsolutePrintTitles(buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>
    /// ClosedXML 0.95.4 writes print titles as "台账!4:4"; LibreOffice repeats no header row for that form (measured:
    /// 1 header on 5 pages), Excel writes and LibreOffice reads "'台账'!$4:$4". Rewritten so.
    /// </summary>
    private static void AbsolutePrintTitles(MemoryStream package)
    {
        package.Position = 0;
        using var doc = SpreadsheetDocument.Open(package, true);
        var names = doc.WorkbookPart?.Workbook.DefinedNames?.Elements<DefinedName>().Where(n => n.Name?.Value == "_xlnm.Print_Titles").ToList() ?? [];
        foreach (var name in names)
        {
            var bang = name.Text.LastIndexOf('!');
            var rows = name.Text[(bang + 1)..].Split(':').Select(r => "$" + r.TrimStart('$')).ToArray();
            var sheet = name.Text[..bang].Trim('\'').Replace("''", "'");
            name.Text = "'" + sheet.Replace("'", "''") + "'!" + string.Join(":", rows);
        }
        doc.Save();
    }

    private static void WriteSheet(IXLWorksheet ws, ExcelSheet sheet, bool oneOfSeveral)
    {
        var cols = sheet.Columns;
        var widths = cols.Select((c, i) => c.Width ?? FitWidth(c, sheet.Rows.Select(r => i < r.Length ? r[i] : null))).ToArray();
        for (var c = 0; c < cols.Count; c++) ws.Column(c + 1).Width = widths[c];

        var row = 0;
        if (sheet.Title is not null) TitleRow(ws, ++row, cols.Count, sheet.Title);
        foreach (var subtitle in sheet.Subtitles) SubtitleRow(ws, ++row, cols.Count, subtitle);

        var headerRow = ++row;
        var headerLines = 1;
        for (var c = 0; c < cols.Count; c++)
        {
            var text = ExcelText.Header(cols[c].Header, widths[c]);
            SetText(ws.Cell(headerRow, c + 1), text);
            headerLines = Math.Max(headerLines, ExcelText.Lines(text, widths[c]));
        }
        HeaderStyle(ws.Range(headerRow, 1, headerRow, cols.Count));
        ws.Row(headerRow).Height = ExcelText.Height(headerLines);

        foreach (var values in sheet.Rows)
        {
            row++;
            var lines = 1;
            for (var c = 0; c < cols.Count; c++)
            {
                var cell = ws.Cell(row, c + 1);
                var value = c < values.Length ? values[c] : null;
                SetValue(cell, cols[c].Kind, value);
                if (value is string s) lines = Math.Max(lines, ExcelText.Lines(s, widths[c]));
            }
            ws.Row(row).Height = ExcelText.Height(lines);
        }
        var body = ws.Range(headerRow, 1, Math.Max(row, headerRow), cols.Count);
        Borders(body);
        if (row > headerRow)
        {
            var data = ws.Range(headerRow + 1, 1, row, cols.Count);
            data.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
            data.Style.Alignment.WrapText = true;
        }

        if (sheet.FreezeHeader) ws.SheetView.FreezeRows(headerRow);
        if (sheet.AutoFilter) body.SetAutoFilter();
        PrintSetup(ws, headerRow, headerRow, oneOfSeveral);
        ws.PageSetup.PrintAreas.Add(1, 1, Math.Max(row, headerRow), cols.Count);
    }

    public static void TitleRow(IXLWorksheet ws, int row, int columns, string title)
    {
        var cell = ws.Cell(row, 1);
        SetText(cell, title);
        if (columns > 1) ws.Range(row, 1, row, columns).Merge();
        cell.Style.Font.Bold = true;
        cell.Style.Font.FontSize = 16;
        cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        ws.Row(row).Height = 28;
    }

    public static void SubtitleRow(IXLWorksheet ws, int row, int columns, string text)
    {
        SetText(ws.Cell(row, 1), text);
        if (columns > 1) ws.Range(row, 1, row, columns).Merge();
        ws.Cell(row, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
        ws.Cell(row, 1).Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        ws.Row(row).Height = ExcelText.Height(1);
    }

    public static void HeaderStyle(IXLRange range)
    {
        range.Style.Font.Bold = true;
        range.Style.Fill.BackgroundColor = XLColor.FromArgb(0xD9, 0xE1, 0xF2);
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        range.Style.Alignment.WrapText = true;
        Borders(range);
    }

    public static void Borders(IXLRange range)
    {
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    /// <summary>
    /// A4 landscape, one page wide and as many tall as needed, rows <paramref name="firstHeaderRow"/>…<paramref name="lastHeaderRow"/>
    /// repeated on every page, and the page number in the footer, restarting at 1 on each sheet (each sheet is filed on its own).
    /// "共 M 页" only for a workbook of one sheet: LibreOffice counts M over every sheet of the workbook (measured: "第 1 页，共 10 页"
    /// on a one-page sheet), and no footer field counts the pages of one sheet; a sheet of several carries its name instead.
    /// </summary>
    public static void PrintSetup(IXLWorksheet ws, int firstHeaderRow, int lastHeaderRow, bool oneOfSeveral)
    {
        var p = ws.PageSetup;
        p.PaperSize = XLPaperSize.A4Paper;
        p.PageOrientation = XLPageOrientation.Landscape;
        p.FitToPages(1, 0);
        p.CenterHorizontally = true;
        p.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.6).SetBottom(0.6).SetHeader(0.3).SetFooter(0.3);
        p.SetRowsToRepeatAtTop(firstHeaderRow, lastHeaderRow);
        p.FirstPageNumber = 1;
        var footer = p.Footer.Center;
        footer.AddText((oneOfSeveral ? ws.Name + "　" : "") + "第 ");
        footer.AddText(XLHFPredefinedText.PageNumber);
        if (oneOfSeveral)
        {
            footer.AddText(" 页");
            return;
        }
        footer.AddText(" 页，共 ");
        footer.AddText(XLHFPredefinedText.NumberOfPages);
        footer.AddText(" 页");
    }

    /// <summary>Writes a value as its column's kind: numbers and dates with the office's formats, anything else as text.</summary>
    public static void SetValue(IXLCell cell, ExcelColumnKind kind, object? value)
    {
        switch (value)
        {
            case null:
                if (kind == ExcelColumnKind.Text) cell.Style.NumberFormat.Format = "@";
                return;
            case string s:
                SetText(cell, s);
                return;
            case DateOnly d:
                SetDate(cell, d.ToDateTime(TimeOnly.MinValue), kind == ExcelColumnKind.DateTime);
                return;
            case DateTime dt:
                SetDate(cell, dt, kind != ExcelColumnKind.Date);
                return;
            case DateTimeOffset dto:
                SetDate(cell, dto.DateTime, kind != ExcelColumnKind.Date);
                return;
            case bool b:
                SetText(cell, b ? "是" : "否");
                return;
            case double dbl when double.IsNaN(dbl) || double.IsInfinity(dbl):
                SetText(cell, "—");
                return;
            case int or long or short or byte or uint or ulong or decimal or double or float:
                if (kind == ExcelColumnKind.Text)
                {
                    SetText(cell, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                    return;
                }
                cell.SetValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                cell.Style.NumberFormat.Format = NumberFormat(kind);
                if (kind is ExcelColumnKind.Integer or ExcelColumnKind.Decimal or ExcelColumnKind.Percent)
                    cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                return;
            default:
                SetText(cell, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                return;
        }
    }

    /// <summary>The office's number formats: counts whole, points 2 decimals, rates a percentage with one decimal.</summary>
    public static string NumberFormat(ExcelColumnKind kind) => kind switch
    {
        ExcelColumnKind.Integer => "0",
        ExcelColumnKind.Decimal => "0.00",
        ExcelColumnKind.Percent => "0.0%",
        ExcelColumnKind.Date => "yyyy-mm-dd",
        ExcelColumnKind.DateTime => "yyyy-mm-dd hh:mm",
        _ => "@",
    };

    private static void SetDate(IXLCell cell, DateTime value, bool withTime)
    {
        cell.SetValue(withTime ? value : value.Date);
        cell.Style.NumberFormat.Format = withTime ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd";
        cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
    }

    /// <summary>Text as text ("@"), never a formula; text a spreadsheet would read as a formula when typed gets the quote prefix.</summary>
    public static void SetText(IXLCell cell, string text)
    {
        text = Clean(text);
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        cell.Style.NumberFormat.Format = "@";
        if (NeedsQuotePrefix(text)) cell.Style.IncludeQuotePrefix = true;
    }

    /// <summary>True for text that a spreadsheet would read as a formula when typed: it begins with = + - @ (or a tab/CR before one).</summary>
    public static bool NeedsQuotePrefix(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Characters XML 1.0 cannot carry are dropped; Excel's cell limit is 32,767 characters.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxCellText));
        for (var i = 0; i < text.Length && sb.Length < MaxCellText; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (sb.Length + 2 > MaxCellText) break;
                sb.Append(ch).Append(text[++i]);
            }
            else if (ch is '\t' or '\n' or '\r' || (ch >= 0x20 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD))
                sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Excel's date serial: days since 1899-12-30 (this skips Excel's phantom 1900-02-29, right for any date after 1900-03-01).</summary>
    public static int SerialOf(DateOnly date) => date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    public static double SerialOf(DateTime time) =>
        SerialOf(DateOnly.FromDateTime(time)) + time.TimeOfDay.TotalDays;

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    /// <summary>
    /// A column width in Excel's units (the width of a "0"), from <see cref="ExcelText.DisplayWidth"/>; capped so that a
    /// long body text wraps instead of making a column screen-wide.
    /// </summary>
    public static double FitWidth(ExcelColumn column, IEnumerable<object?> values)
    {
        var widest = ExcelText.DisplayWidth(column.Header) + 2; // room for the autofilter button
        foreach (var v in values)
        {
            var w = v switch
            {
                null => 0,
                DateOnly => 10,
                DateTime or DateTimeOffset => column.Kind == ExcelColumnKind.Date ? 10 : 16,
                decimal or double or float when column.Kind == ExcelColumnKind.Percent => 7,
                decimal m when column.Kind == ExcelColumnKind.Decimal => m.ToString("0.00", CultureInfo.InvariantCulture).Length,
                _ => ExcelText.DisplayWidth(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
            };
            if (w > widest) widest = w;
        }
        return Math.Round(Math.Clamp(widest + 2, 6, 60) * 1.05, 2);
    }

    public static string SheetName(string name)
    {
        var cleaned = new string(name.Select(ch => ch is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : ch).ToArray()).Trim('\'');
        if (string.IsNullOrWhiteSpace(cleaned)) cleaned = "Sheet";
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    public static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = $"({n})";
            candidate = (name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)] : name) + suffix;
        }
        return candidate;
    }
}
