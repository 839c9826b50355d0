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

/// <summary>
/// The staff's decisions on one item: return, decline, adopt at a level, record 批示, correct mistakes. Opened from the queue, its URL
/// carries the queue's filters and sort: a decision on a waiting item goes on to the next item of that same queue (下一条), or back to
/// the queue when it was the last; corrections stay on the item.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class ItemModel(SubmissionService submissions, TimeProvider time) : PageModel
{
    public Submission? Item { get; private set; }
    public int? Next { get; private set; }
    public DateOnly Today => ShanghaiClock.Today(time);
    /// <summary>The queue's filters and sort as the item was opened with them.</summary>
    public string Carried => Pager.FiltersOf(Request);
    public string Action(string handler) => Pager.WithQuery(Request, "handler", handler, ListQuery.PageKey);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Item = await submissions.FindAsync(id, ct);
        if (Item is null) return NotFound();
        Next = await NextAsync(id, ct);
        return Page();
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

    private Task<int?> NextAsync(int id, CancellationToken ct) =>
        submissions.NextInQueueAsync(id, SubmissionListInput.Read(Request).ToFilter(anyUnit: true), ListQuery.From(Request), ct);

    private async Task<IActionResult> Run(int id, string done, Func<Task> action, CancellationToken ct)
    {
        Item = await submissions.FindAsync(id, ct);
        if (Item is null) return NotFound();
        // An overlong or unreadable value is shown back with its message, not cut short or stored as it came.
        if (!ModelState.IsValid)
        {
            Next = await NextAsync(id, ct);
            return Page();
        }
        // Read before the decision takes this item out of the queue.
        var decision = Item.Status == SubmissionStatus.Submitted;
        var next = decision ? await NextAsync(id, ct) : null;
        await action();
        if (!decision) return this.DoneAt(done, $"/Submissions/Review/Item/{id}{Carried}");
        return next is int n
            ? this.DoneAt(done + "已转到下一条。", $"/Submissions/Review/Item/{n}{Carried}")
            : this.DoneAt(done + "该队列中已没有其他待审核的信息。", "/Submissions/Review" + Carried);
    }
}
