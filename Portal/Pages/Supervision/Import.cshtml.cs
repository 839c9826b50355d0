using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Excel;
using Portal.Identity;

namespace Portal.Pages.Supervision;

/// <summary>Import of a ledger (台账) from Excel: all rows or none.</summary>
[Authorize(Policy = Policies.Office)]
public class ImportModel(SupervisionExcel excel, TimeProvider time) : PageModel
{
    private const long MaxBytes = 10 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    public LedgerImportResult? Result { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public IActionResult OnGetTemplate() =>
        File(excel.Template(), ExcelWriter.ContentType, SupervisionExcel.FileName("督办台账导入模板", time));

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0) { Error = "请选择要导入的 Excel 文件（.xlsx）。"; return Page(); }
        if (!Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) { Error = "只能导入 .xlsx 格式的文件。"; return Page(); }
        if (Upload.Length > MaxBytes) { Error = "文件不能超过 10 MB。"; return Page(); }
        await using var s = Upload.OpenReadStream();
        Result = await excel.ImportAsync(s);
        return Page();
    }
}
