using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Excel;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>The ledger (台账) in Excel: export a period, download the empty template, import a ledger (all or nothing).</summary>
[Authorize(Policy = Policies.Office)]
public class LedgerModel(SubmissionLedger ledger, SubmissionService submissions, TimeProvider time, IOptions<SubmissionOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public PeriodInput Period { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Columns { get; set; }
    [BindProperty(SupportsGet = true, Name = "col")] public List<string> Chosen { get; set; } = new();

    public List<Data.Unit> Units { get; private set; } = new();
    public LedgerImportResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Period.Resolve(ShanghaiClock.Today(time), out _);
        Units = await submissions.UnitsAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var period = Period.Resolve(ShanghaiClock.Today(time), out _);
        return File(await ledger.ExportAsync(period, Unit, new ExcelColumnChoice(Columns, Chosen), ct), ExcelWriter.ContentType, $"信息报送台账-{period.Label}.xlsx");
    }

    public IActionResult OnGetTemplate() => File(ledger.Template(), ExcelWriter.ContentType, "信息报送台账导入模板.xlsx");

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        Period.Resolve(ShanghaiClock.Today(time), out _);
        Units = await submissions.UnitsAsync(ct);
        if (file is null || file.Length == 0)
            Result = new LedgerImportResult(0, new[] { new ExcelError(0, null, null, "请选择要导入的 Excel 文件。") });
        else if (file.Length > options.Value.MaxImportBytes)
            Result = new LedgerImportResult(0, new[] { new ExcelError(0, null, null, $"文件不能超过 {options.Value.MaxImportBytes / 1024 / 1024} MB。") });
        else
        {
            await using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            Result = await ledger.ImportAsync(buffer, ct);
        }
        return Page();
    }
}
