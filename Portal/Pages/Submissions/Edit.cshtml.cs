using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>The liaison changes an item of their unit while it is not decided (a returned item goes back to the queue).</summary>
public class EditModel(SubmissionService submissions) : PageModel
{
    [BindProperty] public SubmissionInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Attachment { get; set; }
    public Submission? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Item = await submissions.FindAsync(id, ct);
        if (Item is null) return NotFound();
        if (!submissions.CanSubmit) return Forbid();
        Input = new SubmissionInput { Title = Item.Title, Body = Item.Body, Category = Item.Category, SubmittedOn = Item.SubmittedOn };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Item = await submissions.FindAsync(id, ct);
        if (Item is null) return NotFound();
        if (!submissions.CanSubmit) return Forbid();
        if (!ModelState.IsValid) return Page();
        await submissions.EditAsync(id, Input, Attachment, ct);
        return this.Done("已保存。", "Details", new { id });
    }
}
