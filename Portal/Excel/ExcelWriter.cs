using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Portal.Excel;

/// <summary>
/// Writes <see cref="ExcelSheet"/>s as an .xlsx workbook that opens in Excel and WPS without repair: shared strings,
/// a small fixed stylesheet, frozen header, autofilter (with the hidden _FilterDatabase name Excel itself writes),
/// header rows repeated on every printed page, landscape A4.
/// Text is never a formula: every string is a shared-string cell, and one that begins with = + - @ also gets
/// the quote prefix, so that editing it in Excel does not turn it into a formula either (spreadsheet injection).
/// </summary>
public static class ExcelWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell format indices of the stylesheet built in BuildStylesheet (the order there must match).
    private const uint StyleTitle = 1, StyleSubtitle = 2, StyleHeader = 3, StyleText = 4, StyleTextQuoted = 5,
        StyleInteger = 6, StyleDecimal = 7, StylePercent = 8, StyleDate = 9, StyleDateTime = 10;

    private const uint NumFmtPercent = 164, NumFmtDate = 165, NumFmtDateTime = 166;
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
        // The package is built in memory: SpreadsheetDocument needs a seekable stream, a response body is not one.
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var wbPart = doc.AddWorkbookPart();
            var strings = new SharedStrings();
            var stylesPart = wbPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = BuildStylesheet();

            var sheetsElement = new Sheets();
            var definedNames = new DefinedNames();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < sheets.Length; i++)
            {
                var sheet = sheets[i];
                var name = UniqueName(SheetName(sheet.Name), names);
                var wsPart = wbPart.AddNewPart<WorksheetPart>();
                wsPart.Worksheet = BuildWorksheet(sheet, strings, i == 0);
                sheetsElement.Append(new Sheet { Name = name, SheetId = (uint)(i + 1), Id = wbPart.GetIdOfPart(wsPart) });

                var quoted = "'" + name.Replace("'", "''") + "'";
                var header = sheet.HeaderRowNumber;
                var last = header + sheet.Rows.Count;
                var lastCol = ColumnLetter(sheet.Columns.Count - 1);
                if (sheet.AutoFilter)
                    definedNames.Append(new DefinedName($"{quoted}!$A${header}:${lastCol}${last}")
                        { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
                definedNames.Append(new DefinedName($"{quoted}!${header}:${header}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }

            var workbook = new Workbook();
            workbook.Append(sheetsElement);
            if (definedNames.HasChildren) workbook.Append(definedNames);
            wbPart.Workbook = workbook;

            var ssPart = wbPart.AddNewPart<SharedStringTablePart>();
            ssPart.SharedStringTable = strings.Build();
            wbPart.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Worksheet BuildWorksheet(ExcelSheet sheet, SharedStrings strings, bool selected)
    {
        var cols = sheet.Columns;
        var lastCol = ColumnLetter(cols.Count - 1);
        var headerRow = sheet.HeaderRowNumber;
        var lastRow = headerRow + sheet.Rows.Count;

        var ws = new Worksheet();
        // Printed landscape, fitted to the page width (statistics tables go to leaders on paper).
        ws.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        ws.Append(new SheetDimension { Reference = $"A1:{lastCol}{lastRow}" });

        var view = new SheetView { WorkbookViewId = 0U, TabSelected = selected };
        if (sheet.FreezeHeader)
        {
            var topLeft = $"A{headerRow + 1}";
            view.Append(new Pane { VerticalSplit = headerRow, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }
        ws.Append(new SheetViews(view));
        ws.Append(new SheetFormatProperties { DefaultRowHeight = 15D });

        var columns = new Columns();
        for (var c = 0; c < cols.Count; c++)
        {
            var width = cols[c].Width ?? FitWidth(cols[c], sheet.Rows.Select(r => c < r.Length ? r[c] : null));
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = width, CustomWidth = true });
        }
        ws.Append(columns);

        var data = new SheetData();
        var merges = new List<string>();
        var rowNumber = 0u;
        if (sheet.Title is not null)
        {
            rowNumber++;
            var row = new Row { RowIndex = rowNumber, Height = 28D, CustomHeight = true };
            row.Append(TextCell($"A{rowNumber}", sheet.Title, StyleTitle, strings));
            data.Append(row);
            if (cols.Count > 1) merges.Add($"A{rowNumber}:{lastCol}{rowNumber}");
        }
        foreach (var subtitle in sheet.Subtitles)
        {
            rowNumber++;
            var row = new Row { RowIndex = rowNumber };
            row.Append(TextCell($"A{rowNumber}", subtitle, StyleSubtitle, strings));
            data.Append(row);
            if (cols.Count > 1) merges.Add($"A{rowNumber}:{lastCol}{rowNumber}");
        }

        rowNumber++;
        var header = new Row { RowIndex = rowNumber };
        for (var c = 0; c < cols.Count; c++)
            header.Append(TextCell($"{ColumnLetter(c)}{rowNumber}", cols[c].Header, StyleHeader, strings));
        data.Append(header);

        foreach (var values in sheet.Rows)
        {
            rowNumber++;
            var row = new Row { RowIndex = rowNumber };
            for (var c = 0; c < cols.Count; c++)
                row.Append(ValueCell($"{ColumnLetter(c)}{rowNumber}", cols[c].Kind, c < values.Length ? values[c] : null, strings));
            data.Append(row);
        }
        ws.Append(data);

        if (sheet.AutoFilter)
            ws.Append(new AutoFilter { Reference = $"A{headerRow}:{lastCol}{lastRow}" });
        if (merges.Count > 0)
        {
            var mc = new MergeCells { Count = (uint)merges.Count };
            foreach (var m in merges) mc.Append(new MergeCell { Reference = m });
            ws.Append(mc);
        }
        ws.Append(new PageMargins { Left = 0.5D, Right = 0.5D, Top = 0.6D, Bottom = 0.6D, Header = 0.3D, Footer = 0.3D });
        ws.Append(new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U });
        return ws;
    }

    private static Cell ValueCell(string reference, ExcelColumnKind kind, object? value, SharedStrings strings)
    {
        switch (value)
        {
            case null:
                return new Cell { CellReference = reference, StyleIndex = kind == ExcelColumnKind.Text ? StyleText : StyleFor(kind) };
            case string s:
                return TextCell(reference, s, StyleText, strings);
            case DateOnly d:
                return NumberCell(reference, SerialOf(d).ToString(CultureInfo.InvariantCulture), kind == ExcelColumnKind.DateTime ? StyleDateTime : StyleDate);
            case DateTime dt:
                return NumberCell(reference, SerialOf(dt).ToString("0.##########", CultureInfo.InvariantCulture), kind == ExcelColumnKind.Date ? StyleDate : StyleDateTime);
            case DateTimeOffset dto:
                return NumberCell(reference, SerialOf(dto.DateTime).ToString("0.##########", CultureInfo.InvariantCulture), kind == ExcelColumnKind.Date ? StyleDate : StyleDateTime);
            case bool b:
                return TextCell(reference, b ? "是" : "否", StyleText, strings);
            case IFormattable number when value is int or long or short or byte or uint or ulong or decimal or double or float:
                if (kind == ExcelColumnKind.Text)
                    return TextCell(reference, number.ToString(null, CultureInfo.InvariantCulture), StyleText, strings);
                if (value is double dbl && (double.IsNaN(dbl) || double.IsInfinity(dbl)))
                    return TextCell(reference, "—", StyleText, strings);
                var style = kind switch
                {
                    ExcelColumnKind.Integer => StyleInteger,
                    ExcelColumnKind.Percent => StylePercent,
                    ExcelColumnKind.Date => StyleDate,
                    ExcelColumnKind.DateTime => StyleDateTime,
                    _ => StyleDecimal,
                };
                return NumberCell(reference, number.ToString(value is double or float ? "R" : null, CultureInfo.InvariantCulture), style);
            default:
                return TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", StyleText, strings);
        }
    }

    private static uint StyleFor(ExcelColumnKind kind) => kind switch
    {
        ExcelColumnKind.Integer => StyleInteger,
        ExcelColumnKind.Decimal => StyleDecimal,
        ExcelColumnKind.Percent => StylePercent,
        ExcelColumnKind.Date => StyleDate,
        ExcelColumnKind.DateTime => StyleDateTime,
        _ => StyleText,
    };

    private static Cell NumberCell(string reference, string number, uint style) =>
        new() { CellReference = reference, StyleIndex = style, CellValue = new CellValue(number) };

    private static Cell TextCell(string reference, string text, uint style, SharedStrings strings)
    {
        text = Clean(text);
        if (style == StyleText && NeedsQuotePrefix(text)) style = StyleTextQuoted;
        return new Cell
        {
            CellReference = reference,
            StyleIndex = style,
            DataType = CellValues.SharedString,
            CellValue = new CellValue(strings.IndexOf(text).ToString(CultureInfo.InvariantCulture)),
        };
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
    /// A column width in Excel's units (the width of a "0"): CJK characters are about two units wide in
    /// 宋体/等线, so they count double; capped so that a long body text does not make a column screen-wide.
    /// </summary>
    public static double FitWidth(ExcelColumn column, IEnumerable<object?> values)
    {
        var widest = DisplayWidth(column.Header) + 2; // room for the autofilter button
        foreach (var v in values)
        {
            var w = v switch
            {
                null => 0,
                DateOnly => 10,
                DateTime or DateTimeOffset => column.Kind == ExcelColumnKind.Date ? 10 : 16,
                decimal or double or float when column.Kind == ExcelColumnKind.Percent => 7,
                decimal m when column.Kind == ExcelColumnKind.Decimal => m.ToString("0.00", CultureInfo.InvariantCulture).Length,
                _ => DisplayWidth(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
            };
            if (w > widest) widest = w;
        }
        return Math.Round(Math.Clamp(widest + 2, 6, 60) * 1.05, 2);
    }

    public static int DisplayWidth(string text)
    {
        var w = 0;
        foreach (var ch in text.Split('\n')[0])
            w += IsWide(ch) ? 2 : 1;
        return w;
    }

    private static bool IsWide(char ch) =>
        ch >= 0x1100 && (ch <= 0x115F || (ch >= 0x2E80 && ch <= 0xA4CF) || (ch >= 0xAC00 && ch <= 0xD7A3) ||
                         (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) || (ch >= 0xFF00 && ch <= 0xFF60) ||
                         (ch >= 0xFFE0 && ch <= 0xFFE6));

    private static string SheetName(string name)
    {
        var cleaned = new string(name.Select(ch => ch is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : ch).ToArray()).Trim('\'');
        if (string.IsNullOrWhiteSpace(cleaned)) cleaned = "Sheet";
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = $"({n})";
            candidate = (name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)] : name) + suffix;
        }
        return candidate;
    }

    private static Stylesheet BuildStylesheet()
    {
        var numFmts = new NumberingFormats(
            new NumberingFormat { NumberFormatId = NumFmtPercent, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = NumFmtDate, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = NumFmtDateTime, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 3U };

        static Font MakeFont(double size, bool bold)
        {
            var f = new Font();
            if (bold) f.Append(new Bold());
            f.Append(new FontSize { Val = size });
            f.Append(new FontName { Val = "宋体" });
            f.Append(new FontCharSet { Val = 134 }); // GB2312: WPS and Excel pick the Chinese face
            return f;
        }
        var fonts = new Fonts(MakeFont(11, false), MakeFont(11, true), MakeFont(16, true)) { Count = 3U };

        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }))
            { Count = 3U };

        static Border Thin() => new(
            new LeftBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2U };

        var styleXfs = new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U };

        static CellFormat Xf(uint numFmt, uint font, uint fill, uint border, HorizontalAlignmentValues? h = null, bool wrap = false, bool quote = false)
        {
            var xf = new CellFormat
            {
                NumberFormatId = numFmt, FontId = font, FillId = fill, BorderId = border, FormatId = 0U,
                ApplyNumberFormat = numFmt != 0, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0,
            };
            if (quote) xf.QuotePrefix = true;
            if (h is not null || wrap)
            {
                xf.ApplyAlignment = true;
                var a = new Alignment { Vertical = VerticalAlignmentValues.Center };
                if (h is not null) a.Horizontal = h;
                if (wrap) a.WrapText = true;
                xf.Append(a);
            }
            return xf;
        }
        var xfs = new CellFormats(
            Xf(0, 0, 0, 0),                                             // 0 default
            Xf(0, 2, 0, 0, HorizontalAlignmentValues.Center),           // 1 title
            Xf(0, 0, 0, 0, HorizontalAlignmentValues.Left),             // 2 subtitle
            Xf(49, 1, 2, 1, HorizontalAlignmentValues.Center, wrap: true), // 3 header
            Xf(49, 0, 0, 1),                                            // 4 text ("@")
            Xf(49, 0, 0, 1, quote: true),                               // 5 text that looks like a formula
            Xf(1, 0, 0, 1),                                             // 6 integer "0"
            Xf(2, 0, 0, 1),                                             // 7 decimal "0.00"
            Xf(NumFmtPercent, 0, 0, 1),                                 // 8 percent "0.0%"
            Xf(NumFmtDate, 0, 0, 1, HorizontalAlignmentValues.Center),  // 9 date
            Xf(NumFmtDateTime, 0, 0, 1, HorizontalAlignmentValues.Center)) // 10 date and time
            { Count = 11U };

        var cellStyles = new CellStyles(new CellStyle { Name = "常规", FormatId = 0U, BuiltinId = 0U }) { Count = 1U };
        return new Stylesheet(numFmts, fonts, fills, borders, styleXfs, xfs, cellStyles,
            new DifferentialFormats { Count = 0U }, new TableStyles { Count = 0U, DefaultTableStyle = "TableStyleMedium2", DefaultPivotStyle = "PivotStyleLight16" });
    }

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _items = new();
        private int _uses;

        public int IndexOf(string text)
        {
            _uses++;
            if (_index.TryGetValue(text, out var i)) return i;
            _index[text] = _items.Count;
            _items.Add(text);
            return _items.Count - 1;
        }

        public SharedStringTable Build()
        {
            var table = new SharedStringTable { Count = (uint)_uses, UniqueCount = (uint)_items.Count };
            foreach (var s in _items)
            {
                var t = new Text(s);
                if (s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s.Contains('\n')))
                    t.Space = SpaceProcessingModeValues.Preserve;
                table.Append(new SharedStringItem(t));
            }
            return table;
        }
    }
}
