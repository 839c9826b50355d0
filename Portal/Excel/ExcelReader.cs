using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Portal.Infrastructure;

namespace Portal.Excel;

/// <summary>What a cell held, as read: its text as shown in a plain (unformatted) way and, for numbers, the number.</summary>
public enum ExcelCellKind { Empty, Text, Number, Boolean, Error }

public sealed record ExcelCell(ExcelCellKind Kind, string Text, double? Number = null)
{
    public static readonly ExcelCell Empty = new(ExcelCellKind.Empty, "");
    public bool IsBlank => Kind == ExcelCellKind.Empty || (Kind == ExcelCellKind.Text && string.IsNullOrWhiteSpace(Text));
}

/// <summary>A row of a sheet: its 1-based number and its cells by 0-based column index.</summary>
public sealed class ExcelRawRow(int number, IReadOnlyDictionary<int, ExcelCell> cells)
{
    public int Number { get; } = number;
    public IReadOnlyDictionary<int, ExcelCell> Cells { get; } = cells;
    public ExcelCell this[int column] => Cells.TryGetValue(column, out var c) ? c : ExcelCell.Empty;
    public bool IsBlank => Cells.Values.All(c => c.IsBlank);
}

/// <summary>An import problem, located the way the user sees the sheet: row number and column letter (and header).</summary>
public sealed record ExcelError(int Row, string? Column, string? Header, string Message)
{
    /// <summary>"第5行 C列（报送日期）：日期无效" — or "第5行：…", or just the message for a problem with the whole file.</summary>
    public override string ToString()
    {
        var where = Row > 0 ? $"第{Row}行" : "";
        if (Column is not null) where += $" {Column}列" + (Header is not null ? $"（{Header}）" : "");
        return where.Length == 0 ? Message : $"{where.Trim()}：{Message}";
    }
}

/// <summary>
/// Reads the cells of one worksheet of an .xlsx: shared strings, inline strings, numbers, booleans, error values.
/// Formulas are not evaluated; their cached value is read (which is what the user saw).
/// Uploads are read here rather than through ClosedXML 0.95.4, which loses what other programs legitimately write:
/// numbers in a workbook without a styles part read as empty, ISO date cells (t="d") throw, error cells read as empty
/// (checked against the files of HostileExcelTests). Writing goes through ClosedXML (<see cref="ExcelWriter"/>).
/// </summary>
public static class ExcelReader
{
    /// <summary>Reads the first worksheet (or the one named <paramref name="sheetName"/>). Throws <see cref="ExcelFormatException"/> when the file is not a readable workbook.</summary>
    public static IReadOnlyList<ExcelRawRow> ReadRows(Stream input, string? sheetName = null) => ReadSheet(input, sheetName).Rows;

    /// <summary>As <see cref="ReadRows"/>, with the sheet's merged ranges ("B2:B4"): only the first cell of a range holds its value.</summary>
    public static (IReadOnlyList<ExcelRawRow> Rows, IReadOnlyList<string> Merged) ReadSheet(Stream input, string? sheetName = null)
    {
        // The one boundary between an uploaded workbook and the imports: whatever a damaged file makes the parser throw
        // (XML cut short, a part missing, an entry longer than it declares, a styles part that is not XML) is the user's
        // message about the file, never a 500.
        try { return ReadSheetOf(input, sheetName); }
        catch (Exception ex) when (ex is not (ExcelFormatException or OutOfMemoryException or OperationCanceledException))
        {
            throw new ExcelFormatException(NotAWorkbook, ex);
        }
    }

    private const string NotAWorkbook = "文件不是有效的 Excel 工作簿（.xlsx）或已损坏，请使用下载的模板或导出的台账。";

    private static (IReadOnlyList<ExcelRawRow> Rows, IReadOnlyList<string> Merged) ReadSheetOf(Stream input, string? sheetName)
    {
        Stream source = input;
        if (!input.CanSeek)
        {
            var copy = new MemoryStream();
            input.CopyTo(copy);
            copy.Position = 0;
            source = copy;
        }
        RefuseUnreadable(source);
        using (var doc = SpreadsheetDocument.Open(source, false))
        {
            var wb = doc.WorkbookPart ?? throw new ExcelFormatException("工作簿中没有工作表。");
            var sheets = wb.Workbook.Sheets?.Elements<Sheet>().ToList() ?? new List<Sheet>();
            var sheet = sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name?.Value == sheetName);
            if (sheet?.Id?.Value is not string id || wb.GetPartById(id) is not WorksheetPart wsPart)
                throw new ExcelFormatException(sheetName is null ? "工作簿中没有工作表。" : $"工作簿中没有名为“{sheetName}”的工作表。");
            // Values are read unformatted, but a workbook whose styles cannot be read is damaged: Excel refuses it too.
            _ = wb.WorkbookStylesPart?.Stylesheet;

            var shared = wb.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(ItemText).ToList() ?? new List<string>();
            var rows = new List<ExcelRawRow>();
            var nextRow = 1;
            foreach (var row in wsPart.Worksheet.Descendants<Row>())
            {
                var number = row.RowIndex?.Value is uint r ? (int)r : nextRow;
                nextRow = number + 1;
                var cells = new Dictionary<int, ExcelCell>();
                var nextCol = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    var col = cell.CellReference?.Value is string cref ? ColumnIndex(cref) : nextCol;
                    nextCol = col + 1;
                    cells[col] = Read(cell, shared);
                }
                rows.Add(new ExcelRawRow(number, cells));
            }
            var merged = wsPart.Worksheet.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>())
                .Select(m => m.Reference?.Value).OfType<string>().ToList();
            return (rows, merged);
        }
    }

    /// <summary>What the parts of a workbook may unpack to: a 50,000-row ledger is about 20 MB of XML.</summary>
    private const long MaxUnpackedBytes = 100L * 1024 * 1024;

    /// <summary>
    /// A password-protected workbook is not a zip but an encrypted compound file; a few MB of workbook can unpack to
    /// gigabytes of XML, and the sheet is read whole: both refused before anything is parsed, the size by the bytes the
    /// entries really unpack to (an archive may declare less).
    /// </summary>
    private static void RefuseUnreadable(Stream source)
    {
        var head = new byte[8];
        var start = source.Position;
        var n = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        source.Position = start;
        if (ZipContent.IsCompoundFile(head.AsSpan(0, n)))
            throw new ExcelFormatException("工作簿设置了打开密码，或是旧版 Excel（.xls）文件：请在 Excel 中取消密码、另存为 .xlsx 后再导入。");
        if (!ZipContent.UnpacksWithin(source, MaxUnpackedBytes))
            throw new ExcelFormatException($"文件解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB，疑似压缩炸弹，已拒绝。请检查文件或分成几个文件导入。");
    }

    private static ExcelCell Read(Cell cell, IReadOnlyList<string> shared)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return Text(cell.InlineString is null ? "" : ItemText(cell.InlineString));
        if (raw is null) return ExcelCell.Empty;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count
                ? Text(shared[i]) : new ExcelCell(ExcelCellKind.Error, raw);
        if (type == CellValues.String) return Text(raw);
        if (type == CellValues.Boolean) return new ExcelCell(ExcelCellKind.Boolean, raw == "1" ? "TRUE" : "FALSE", raw == "1" ? 1 : 0);
        if (type == CellValues.Error) return new ExcelCell(ExcelCellKind.Error, raw);
        if (type == CellValues.Date)
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new ExcelCell(ExcelCellKind.Number, raw, ExcelWriter.SerialOf(d)) : Text(raw);
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? new ExcelCell(ExcelCellKind.Number, raw, n)
            : Text(raw);
    }

    private static ExcelCell Text(string s) => s.Length == 0 ? ExcelCell.Empty : new ExcelCell(ExcelCellKind.Text, s);

    /// <summary>The text of a shared-string item or inline string, rich-text runs joined, phonetic runs left out.</summary>
    private static string ItemText(OpenXmlElement item)
    {
        var sb = new StringBuilder();
        foreach (var t in item.Descendants<Text>())
            if (t.Ancestors<PhoneticRun>().FirstOrDefault() is null) sb.Append(t.Text);
        return sb.ToString();
    }

    /// <summary>"C12" → 12 (0 when the reference has no row).</summary>
    public static int RowNumber(string cellReference) =>
        int.TryParse(cellReference.AsSpan(cellReference.TakeWhile(char.IsAsciiLetter).Count()), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>"C12" → 2.</summary>
    public static int ColumnIndex(string cellReference)
    {
        var n = 0;
        foreach (var ch in cellReference)
        {
            var up = char.ToUpperInvariant(ch);
            if (up is < 'A' or > 'Z') break;
            n = n * 26 + (up - 'A' + 1);
        }
        return n - 1;
    }
}

/// <summary>The uploaded file is not a workbook this reader can open; the message is for the user.</summary>
public sealed class ExcelFormatException(string message, Exception? inner = null) : Exception(message, inner);
