using System.Globalization;

namespace Portal.Excel;

/// <summary>
/// Reads a table laid out as <see cref="ExcelWriter"/> writes it (title and subtitle rows, then a header row, then data):
/// finds the header row by its headers, maps columns by header text (so column order does not matter), and gives typed
/// access to each data row. Every problem is collected with its row and column instead of stopping at the first, so
/// the page can list all of them and the caller can refuse the whole file when <see cref="HasErrors"/>.
/// </summary>
public sealed class ExcelTableReader
{
    private const int HeaderSearchRows = 20;
    private readonly List<ExcelError> _errors = new();
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private ExcelTableReader() { }

    public IReadOnlyList<ExcelRecord> Records { get; private set; } = Array.Empty<ExcelRecord>();
    public IReadOnlyList<ExcelError> Errors => _errors;
    public bool HasErrors => _errors.Count > 0;

    /// <summary>The 1-based row number of the header row (0 when it was not found).</summary>
    public int HeaderRowNumber { get; private set; }

    /// <summary>Errors sorted by row, then column, as the page lists them.</summary>
    public IReadOnlyList<ExcelError> SortedErrors() =>
        _errors.OrderBy(e => e.Row).ThenBy(e => e.Column is null ? -1 : ExcelReader.ColumnIndex(e.Column)).ToList();

    /// <param name="requiredHeaders">Headers that must be present.</param>
    /// <param name="optionalHeaders">Headers read when present.</param>
    public static ExcelTableReader Open(Stream input, IReadOnlyCollection<string> requiredHeaders, IReadOnlyCollection<string>? optionalHeaders = null, string? sheetName = null)
    {
        var reader = new ExcelTableReader();
        IReadOnlyList<ExcelRawRow> rows;
        IReadOnlyList<string> merged;
        try { (rows, merged) = ExcelReader.ReadSheet(input, sheetName); }
        catch (ExcelFormatException ex)
        {
            reader._errors.Add(new ExcelError(0, null, null, ex.Message));
            return reader;
        }

        var header = rows.Take(HeaderSearchRows).FirstOrDefault(r =>
            requiredHeaders.All(h => r.Cells.Values.Any(c => Normalize(c.Text) == h)));
        if (header is null)
        {
            reader._errors.Add(new ExcelError(0, null, null, "找不到表头行，表头应包含：" + string.Join("、", requiredHeaders) + "。请使用下载的模板。"));
            return reader;
        }
        reader.HeaderRowNumber = header.Number;
        reader.HeaderCells = header.Cells.Where(kv => !kv.Value.IsBlank).OrderBy(kv => kv.Key)
            .Select(kv => (kv.Key, Normalize(kv.Value.Text))).ToList();
        var known = requiredHeaders.Concat(optionalHeaders ?? Array.Empty<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (col, cell) in header.Cells)
        {
            var name = Normalize(cell.Text);
            if (!known.Contains(name)) continue;
            if (!reader._columns.TryAdd(name, col))
                reader._errors.Add(new ExcelError(header.Number, ExcelWriter.ColumnLetter(col), name, $"列“{name}”重复出现。"));
        }
        reader.Records = rows.Where(r => r.Number > header.Number && !r.IsBlank)
            .Select(r => new ExcelRecord(reader, r)).ToList();
        // A merged range keeps its value in its first cell only: the rows below it would be read as blanks while the user
        // sees them filled in (a unit written once over its rows). Named with its range instead of guessed.
        foreach (var range in merged)
        {
            var corners = range.Split(':');
            if (corners.Length != 2 || ExcelReader.RowNumber(corners[1]) <= header.Number) continue;
            var (first, last) = (ExcelReader.ColumnIndex(corners[0]), ExcelReader.ColumnIndex(corners[1]));
            var column = reader._columns.Where(c => c.Value >= first && c.Value <= last).OrderBy(c => c.Value).FirstOrDefault();
            if (column.Key is null) continue;
            reader._errors.Add(new ExcelError(Math.Max(ExcelReader.RowNumber(corners[0]), header.Number + 1), ExcelWriter.ColumnLetter(column.Value), column.Key,
                $"{range} 是合并单元格，导入时只能读到第一格的内容。请取消合并，在每一行填写后再导入。"));
        }
        return reader;
    }

    /// <summary>Every non-empty cell of the header row: 0-based column index and text (to spot unexpected columns).</summary>
    public IReadOnlyList<(int Column, string Header)> HeaderCells { get; private set; } = Array.Empty<(int, string)>();

    /// <summary>Adds a problem found by the caller (e.g. with the file as a whole, or with a header cell).</summary>
    public void AddError(ExcelError error) => _errors.Add(error);

    /// <summary>True when the header row has a column of this name.</summary>
    public bool HasColumn(string header) => _columns.ContainsKey(header);

    internal int? ColumnOf(string header) => _columns.TryGetValue(header, out var c) ? c : null;

    internal void AddError(int row, string? header, string message)
    {
        var col = header is null ? null : ColumnOf(header);
        _errors.Add(new ExcelError(row, col is int c ? ExcelWriter.ColumnLetter(c) : null, header, message));
    }

    private static string Normalize(string s) => s.Replace("\r", "").Replace("\n", "").Trim();
}

/// <summary>One data row. Each typed getter records an error (row, column, header, Chinese message) and returns null when the value is unusable.</summary>
public sealed class ExcelRecord
{
    private static readonly string[] DateFormats =
    {
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyy.MM.dd", "yyyy年M月d日", "yyyy年MM月dd日", "yyyyMMdd",
    };

    private readonly ExcelTableReader _table;
    private readonly ExcelRawRow _row;

    internal ExcelRecord(ExcelTableReader table, ExcelRawRow row)
    {
        _table = table;
        _row = row;
    }

    /// <summary>The 1-based row number in the sheet (what the user sees in Excel).</summary>
    public int Row => _row.Number;

    public ExcelCell Cell(string header) => _table.ColumnOf(header) is int c ? _row[c] : ExcelCell.Empty;

    /// <summary>Reports a problem with this row's value in <paramref name="header"/> (or with the whole row when null).</summary>
    public void AddError(string? header, string message) => _table.AddError(Row, header, message);

    /// <summary>
    /// Reports an error cell, or an empty cell that is required. True when there is no value to read,
    /// so each typed getter below only deals with a cell that holds something.
    /// </summary>
    private bool Blank(ExcelCell cell, string header, bool required)
    {
        if (cell.Kind == ExcelCellKind.Error) { AddError(header, $"单元格是错误值 {cell.Text}。"); return true; }
        if (cell.Kind == ExcelCellKind.Number && cell.Number is not null) return false;
        if (cell.Kind != ExcelCellKind.Empty && cell.Text.Trim().Length > 0) return false;
        if (required) AddError(header, "不能为空。");
        return true;
    }

    public string? Text(string header, bool required = false, int? maxLength = null)
    {
        var cell = Cell(header);
        if (Blank(cell, header, required)) return null;
        var text = cell.Kind == ExcelCellKind.Number && cell.Number is double n
            ? n.ToString("0.###############", CultureInfo.InvariantCulture)
            : cell.Text.Trim();
        if (maxLength is int max && text.Length > max) { AddError(header, $"不能超过 {max} 个字。"); return null; }
        return text;
    }

    /// <summary>A date from a date cell (serial number) or from text such as 2026-03-05, 2026/3/5, 2026年3月5日.</summary>
    public DateOnly? Date(string header, bool required = false)
    {
        var cell = Cell(header);
        if (Blank(cell, header, required)) return null;
        if (cell.Kind == ExcelCellKind.Number && cell.Number is double serial)
        {
            if (serial >= 1 && serial < 2958466) // 1900-01-01 … 9999-12-31
                return DateOnly.FromDayNumber(new DateOnly(1899, 12, 30).DayNumber + (int)Math.Floor(serial));
            AddError(header, $"日期无效：{cell.Text}。");
            return null;
        }
        var text = cell.Text.Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        AddError(header, $"日期无效：“{text}”，应为 yyyy-MM-dd。");
        return null;
    }

    public decimal? Number(string header, bool required = false, decimal? min = null, decimal? max = null)
    {
        var cell = Cell(header);
        if (Blank(cell, header, required)) return null;
        decimal value;
        if (cell.Kind == ExcelCellKind.Number && cell.Number is double n)
            value = (decimal)n;
        else if (!decimal.TryParse(cell.Text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value))
        {
            AddError(header, $"不是数字：“{cell.Text.Trim()}”。");
            return null;
        }
        if (min is decimal lo && value < lo) { AddError(header, $"不能小于 {lo}。"); return null; }
        if (max is decimal hi && value > hi) { AddError(header, $"不能大于 {hi}。"); return null; }
        return value;
    }

    public int? Integer(string header, bool required = false, int? min = null, int? max = null)
    {
        var before = _table.Errors.Count;
        var value = Number(header, required, min, max);
        if (value is null || _table.Errors.Count > before) return null;
        if (value != decimal.Truncate(value.Value)) { AddError(header, "应为整数。"); return null; }
        return (int)value.Value;
    }
}
