using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions.Review;

public sealed class AdoptInput
{
    public AdoptionLevel Level { get; set; } = AdoptionLevel.City;
    [Required(ErrorMessage = "请填写采用日期。")] public DateOnly? AdoptedOn { get; set; }
    [StringLength(Adoption.PublicationMaxLength)] public string? Publication { get; set; }
}

public sealed class ReviewInput
{
    [StringLength(1000)] public string? Comment { get; set; }
}

public sealed class InstructionInput
{
    [StringLength(LeaderInstruction.LeaderMaxLength)] public string? Leader { get; set; }
    [Required(ErrorMessage = "请填写批示日期。")] public DateOnly? On { get; set; }
    [StringLength(LeaderInstruction.ContentMaxLength)] public string? Content { get; set; }
}

/// <summary>The staff's decisions on one item: return, decline, adopt at a level, record 批示, correct mistakes.</summary>
[Authorize(Policy = Policies.Office)]
public class ItemModel(SubmissionService submissions, TimeProvider time) : PageModel
{
    public Submission? Item { get; private set; }
    public DateOnly Today => ShanghaiClock.Today(time);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Item = await submissions.FindAsync(id, ct);
        return Item is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAdoptAsync(int id, AdoptInput adopt, CancellationToken ct) =>
        Run(id, "已登记采用。", () => adopt.AdoptedOn is DateOnly on
            ? submissions.AdoptAsync(id, adopt.Level, on, adopt.Publication, ct)
            : throw new RuleException("请填写采用日期。"), ct);

    public Task<IActionResult> OnPostReturnAsync(int id, ReviewInput review, CancellationToken ct) =>
        Run(id, "已退回联络员修改。", () => submissions.ReturnAsync(id, review.Comment, ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(int id, ReviewInput review, CancellationToken ct) =>
        Run(id, "已标记为未采用。", () => submissions.DeclineAsync(id, review.Comment, ct), ct);

    public Task<IActionResult> OnPostInstructionAsync(int id, InstructionInput instruction, CancellationToken ct) =>
        Run(id, "已登记领导批示。", () => instruction.On is DateOnly on
            ? submissions.AddInstructionAsync(id, instruction.Leader, on, instruction.Content, ct)
            : throw new RuleException("请填写批示日期。"), ct);

    public Task<IActionResult> OnPostRevokeAsync(int id, AdoptionLevel level, CancellationToken ct) =>
        Run(id, "已撤销该项采用。", () => submissions.RevokeAdoptionAsync(id, level, ct), ct);

    public Task<IActionResult> OnPostRemoveInstructionAsync(int id, int instructionId, CancellationToken ct) =>
        Run(id, "已删除该批示。", () => submissions.RemoveInstructionAsync(id, instructionId, ct), ct);

    private async Task<IActionResult> Run(int id, string done, Func<Task> action, CancellationToken ct)
    {
        Item = await submissions.FindAsync(id, ct);
        if (Item is null) return NotFound();
        // An overlong or unreadable value is shown back with its message, not cut short or stored as it came.
        if (!ModelState.IsValid) return Page();
        await action();
        TempData["Message"] = done;
        return RedirectToPage(new { id });
    }
}
