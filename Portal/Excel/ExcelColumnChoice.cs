namespace Portal.Excel;

/// <summary>
/// The columns staff choose for a ledger export: the print selection (the columns a filed 台账 has, readable on A4 —
/// the default), the full ledger (every column, the layout an import reads back), or columns picked one by one.
/// </summary>
public sealed record ExcelColumnChoice(string? Set = null, IReadOnlyCollection<string>? Headers = null)
{
    public const string PrintSet = "print", AllSet = "all", CustomSet = "custom";

    public bool IsAll => Set == AllSet;

    /// <summary>The indices of the chosen columns, in the ledger's order; a pick that names no known column falls back to the print selection.</summary>
    public IReadOnlyList<int> Indices(IReadOnlyList<ExcelColumn> columns)
    {
        var all = Enumerable.Range(0, columns.Count);
        if (IsAll) return all.ToList();
        if (Set == CustomSet && Headers is { Count: > 0 })
        {
            var picked = all.Where(i => Headers.Contains(columns[i].Header)).ToList();
            if (picked.Count > 0) return picked;
        }
        var print = all.Where(i => columns[i].Print).ToList();
        return print.Count > 0 ? print : all.ToList();
    }

    public ExcelSheet Apply(ExcelSheet sheet) => sheet.Only(Indices(sheet.Columns));
}
