namespace Portal.Excel;

/// <summary>How a column's values are written and formatted.</summary>
public enum ExcelColumnKind
{
    /// <summary>Text, formatted as text ("@") so that editing a cell in Excel or WPS keeps it text.</summary>
    Text,
    /// <summary>A whole number ("0").</summary>
    Integer,
    /// <summary>A decimal number with two places ("0.00"), e.g. points.</summary>
    Decimal,
    /// <summary>A ratio (0.923) shown as a percentage with one decimal ("92.3%"), as the office states rates.</summary>
    Percent,
    /// <summary>A date (DateOnly or DateTime) shown yyyy-mm-dd.</summary>
    Date,
    /// <summary>A date and time shown yyyy-mm-dd hh:mm.</summary>
    DateTime,
}

/// <summary>
/// A column: its Chinese header, its kind, optionally a fixed width in characters (else fitted to the content; longer
/// text wraps), and whether it belongs to the print selection of a ledger (the columns a filed 台账 has).
/// </summary>
public sealed record ExcelColumn(string Header, ExcelColumnKind Kind = ExcelColumnKind.Text, double? Width = null, bool Print = false);

/// <summary>
/// One worksheet as the office's tables look: a title row, subtitle rows (period, export time, …), a header row
/// and the data rows. Row values follow <see cref="Columns"/>; null writes an empty cell; a string in a
/// numeric column (e.g. "—" for a rate without denominator) is written as text.
/// </summary>
public sealed class ExcelSheet
{
    public ExcelSheet(string name, IReadOnlyList<ExcelColumn> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("a sheet needs at least one column", nameof(columns));
        Name = name;
        Columns = columns;
    }

    /// <summary>The sheet's tab name (cut to Excel's 31 characters, forbidden characters replaced).</summary>
    public string Name { get; }

    public IReadOnlyList<ExcelColumn> Columns { get; }

    /// <summary>The title row, merged across the columns; none when null.</summary>
    public string? Title { get; set; }

    /// <summary>Lines under the title (e.g. "统计期间：2026年", "导出时间：2026-11-22 10:30"), each merged across the columns.</summary>
    public List<string> Subtitles { get; } = new();

    public List<object?[]> Rows { get; } = new();

    /// <summary>Freezes the rows down to the header row (default true).</summary>
    public bool FreezeHeader { get; set; } = true;

    /// <summary>Puts an autofilter on the header row over the data (default true).</summary>
    public bool AutoFilter { get; set; } = true;

    public ExcelSheet AddRow(params object?[] values)
    {
        if (values.Length > Columns.Count) throw new ArgumentException($"row has {values.Length} values for {Columns.Count} columns");
        Rows.Add(values);
        return this;
    }

    /// <summary>The same sheet with only the columns at <paramref name="indices"/> (in that order).</summary>
    public ExcelSheet Only(IReadOnlyList<int> indices)
    {
        var sheet = new ExcelSheet(Name, indices.Select(i => Columns[i]).ToList())
            { Title = Title, FreezeHeader = FreezeHeader, AutoFilter = AutoFilter };
        sheet.Subtitles.AddRange(Subtitles);
        foreach (var row in Rows) sheet.Rows.Add(indices.Select(i => i < row.Length ? row[i] : null).ToArray());
        return sheet;
    }

    /// <summary>The 1-based row number of the header row in the written sheet.</summary>
    public int HeaderRowNumber => (Title is null ? 0 : 1) + Subtitles.Count + 1;
}
