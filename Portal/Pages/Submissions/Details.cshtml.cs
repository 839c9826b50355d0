using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>One item, as its unit's liaison or the staff see it.</summary>
[LeadersReadOnly]
public class DetailsModel(SubmissionService submissions, CurrentUser me) : PageModel
{
    public Submission? Item { get; private set; }
    public bool IsStaff => me.IsStaff;
    public bool CanEdit => submissions.CanSubmit && Item is { IsLockedForLiaison: false };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Item = await submissions.FindAsync(id, ct);
        return Item is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetAttachmentAsync(int id, CancellationToken ct)
    {
        var item = await submissions.FindAsync(id, ct);
        if (item?.AttachmentName is null) return NotFound();
        var stream = submissions.OpenAttachment(item);
        // Always a download, never rendered inline: the file comes from a user.
        return stream is null ? NotFound() : File(stream, "application/octet-stream", item.AttachmentName);
    }
}
