using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

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
        SpreadsheetDocument doc;
        Stream source = input;
        try
        {
            if (!input.CanSeek)
            {
                var copy = new MemoryStream();
                input.CopyTo(copy);
                copy.Position = 0;
                source = copy;
            }
            RefuseZipBomb(source);
            doc = SpreadsheetDocument.Open(source, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or ArgumentException)
        {
            throw new ExcelFormatException("文件不是有效的 Excel 工作簿（.xlsx），请使用下载的模板或导出的台账。", ex);
        }
        using (doc)
        {
            var wb = doc.WorkbookPart ?? throw new ExcelFormatException("工作簿中没有工作表。");
            var sheets = wb.Workbook.Sheets?.Elements<Sheet>().ToList() ?? new List<Sheet>();
            var sheet = sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name?.Value == sheetName);
            if (sheet?.Id?.Value is not string id || wb.GetPartById(id) is not WorksheetPart wsPart)
                throw new ExcelFormatException(sheetName is null ? "工作簿中没有工作表。" : $"工作簿中没有名为“{sheetName}”的工作表。");

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
    /// A few MB of workbook can unpack to gigabytes of XML, and the sheet is read whole: refused by the sizes the
    /// archive declares, before anything is unpacked.
    /// </summary>
    private static void RefuseZipBomb(Stream source)
    {
        var start = source.Position;
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(source, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                throw new ExcelFormatException($"文件解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB，疑似压缩炸弹，已拒绝。请检查文件或分成几个文件导入。");
        }
        catch (InvalidDataException) { } // not a zip at all: opening it says so
        source.Position = start;
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
