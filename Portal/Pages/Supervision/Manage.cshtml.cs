using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>
/// The office's actions on a task (交办, 办结, 退回办结申请, 撤销办结, 延期, 催办, 答复). A page of its own because Razor Pages
/// authorise pages, not handlers: the whole page is for staff, so a liaison's post is refused before any handler runs.
/// </summary>
[Authorize(Policy = Policies.Office)]
[ReturnOnRefusal("/Supervision/Task")]
public class ManageModel(SupervisionService service) : PageModel
{
    [BindProperty] public CloseInput Close { get; set; } = new();
    [BindProperty] public ExtendInput Extend { get; set; } = new();
    [BindProperty] public SendBackInput SendBack { get; set; } = new();
    [BindProperty] public ReplyInput Reply { get; set; } = new();
    [BindProperty] public ReopenInput Reopen { get; set; } = new();
    [BindProperty] public UrgeInput Urge { get; set; } = new();

    public IActionResult OnGet(int id) => RedirectToPage("/Supervision/Task", new { id });

    public Task<IActionResult> OnPostAssignAsync(int id) => Run(id, null, null, () => service.AssignAsync(id), "事项已交办。");

    public Task<IActionResult> OnPostCloseAsync(int id) => Run(id, nameof(Close), Close, () => service.CloseAsync(id, Close), "事项已办结销号。");

    public Task<IActionResult> OnPostExtendAsync(int id) => Run(id, nameof(Extend), Extend, () => service.ExtendAsync(id, Extend), "期限已延长。");

    public Task<IActionResult> OnPostSendBackAsync(int id) => Run(id, nameof(SendBack), SendBack, () => service.SendBackAsync(id, SendBack), "办结申请已退回牵头单位。");

    public Task<IActionResult> OnPostReopenAsync(int id) => Run(id, nameof(Reopen), Reopen, () => service.ReopenAsync(id, Reopen), "已撤销办结，事项恢复为办理中。");

    public Task<IActionResult> OnPostUrgeAsync(int id) => Run(id, nameof(Urge), Urge, () => service.UrgeAsync(id, Urge), "已催办。");

    public Task<IActionResult> OnPostReplyAsync(int id) => Run(id, nameof(Reply), Reply, () => service.ReplyAsync(id, Reply), "答复情况已登记。");

    /// <summary>Validates only the form that was posted, runs the command, and goes back to the task with a message.</summary>
    private async Task<IActionResult> Run(int id, string? prefix, object? input, Func<Task> command, string done)
    {
        // A form posted without any of its fields is not bound at all, and so not validated by the binder.
        if (prefix is not null && input is not null && !ModelState.Keys.Any(k => k.StartsWith(prefix + ".", StringComparison.Ordinal)))
            TryValidateModel(input, prefix);
        var errors = ModelState.Where(kv => prefix is not null && kv.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
            .SelectMany(kv => kv.Value!.Errors).Select(e => e.ErrorMessage).ToList();
        if (errors.Count > 0)
        {
            if (await service.FindAsync(id) is null) return NotFound();
            throw new RuleException(string.Join(" ", errors));
        }
        await command();
        return this.Done(done, "/Supervision/Task", new { id });
    }
}
