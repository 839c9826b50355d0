using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>A task with its timeline; units report progress here, staff act through <see cref="ManageModel"/>.</summary>
[LeadersReadOnly]
public class TaskModel(SupervisionService service) : PageModel
{
    public SupervisionTask Item { get; private set; } = null!;
    public WarningLevel Warning { get; private set; }
    public int DaysLeft { get; private set; }
    public bool CanReport { get; private set; }
    public bool IsLead { get; private set; }
    public bool IsStaff => service.IsStaff;
    public DateOnly Today => service.Today;

    [BindProperty] public ReportInput Report { get; set; } = new();
    [BindProperty] public IFormFile? Attachment { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Report.ReportedOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostReportAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        await service.ReportAsync(id, Report, Attachment);
        return this.Done(Report.RequestClose ? "进展已报送，并已申请办结。" : "进展已报送。", new { id });
    }

    public async Task<IActionResult> OnGetAttachmentAsync(int id, int reportId)
    {
        var found = await service.AttachmentAsync(id, reportId);
        if (found is not var (report, path)) return NotFound();
        return PhysicalFile(path, "application/octet-stream", report.AttachmentName ?? report.AttachmentStoredName);
    }

    private async Task<bool> LoadAsync(int id)
    {
        var task = await service.FindAsync(id);
        if (task is null) return false;
        Item = task;
        Warning = DeadlineRules.Warning(task, Today, service.WarningDays);
        DaysLeft = DeadlineRules.DaysLeft(task.Deadline, Today);
        CanReport = service.CanReport(task);
        IsLead = service.IsLeadUnit(task);
        return true;
    }
}
