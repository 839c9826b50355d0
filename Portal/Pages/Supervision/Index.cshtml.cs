using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;
using Portal.Data;

namespace Portal.Pages.Supervision;

/// <summary>The ledger (台账): every task the user may see, with filters; staff export it to Excel.</summary>
[LeadersReadOnly]
public class IndexModel(SupervisionService service, SupervisionExcel excel, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public TaskSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public SupervisionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public TaskPriority? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public WarningLevel? Warning { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    /// <summary>A calendar year of assignment (交办日期), when no date range is given.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// <summary>With a unit: only the tasks it leads (how 逾期 and the rates count), not those it co-operates on.</summary>
    [BindProperty(SupportsGet = true)] public bool Lead { get; set; }
    [BindProperty(SupportsGet = true)] public string? Columns { get; set; }
    [BindProperty(SupportsGet = true, Name = "col")] public List<string> Chosen { get; set; } = new();

    public const int PageSize = 20;

    public ListPage<LedgerRow> Rows { get; private set; } = new([], 0, 1, PageSize);
    public List<Unit> Units { get; private set; } = new();
    public bool IsStaff => service.IsStaff;
    public int WarningDays => service.WarningDays;

    public LedgerFilter Filter => new(Source, Status, UnitId, Priority, Warning is WarningLevel.None ? null : Warning, Keyword,
        Date(From) ?? YearStart, Date(To) ?? (YearStart is DateOnly start ? start.AddYears(1).AddDays(-1) : null), Lead);

    private DateOnly? YearStart => Year is >= 2000 and <= 2100 && From is null && To is null ? new DateOnly(Year.Value, 1, 1) : null;

    public static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public async Task OnGetAsync()
    {
        Units = await service.UnitsAsync();
        Rows = await service.LedgerPageAsync(Filter, ListQuery.From(Request), PageSize);
    }

    /// <summary>The ledger as filtered on the page, every page of it (and scoped to the user's unit for a liaison).</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await service.LedgerAsync(Filter);
        return File(excel.Ledger(rows, Filter, new Excel.ExcelColumnChoice(Columns, Chosen)), Excel.ExcelWriter.ContentType, SupervisionExcel.FileName("督办台账", time));
    }
}
