using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>A liaison submits an item for their unit.</summary>
public class CreateModel(SubmissionService submissions, TimeProvider time) : PageModel
{
    [BindProperty] public SubmissionInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Attachment { get; set; }

    public IActionResult OnGet()
    {
        if (!submissions.CanSubmit) return Forbid();
        Input.SubmittedOn = ShanghaiClock.Today(time);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!submissions.CanSubmit) return Forbid();
        if (!ModelState.IsValid) return Page();
        var s = await submissions.CreateAsync(Input, Attachment, ct);
        return this.Done("信息已报送。", "Details", new { id = s.Id });
    }
}
