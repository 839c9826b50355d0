using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>The office's commands on a round (create, lock, unlock). Leaders only read, so this page is for staff.</summary>
[Authorize(Policy = Policies.Office)]
[ReturnOnRefusal("/Evaluation/Round", pageWithoutId: "/Evaluation/Index")]
public class ManageModel(EvaluationService service) : PageModel
{
    public IActionResult OnGet(int? id) => id is int i ? RedirectToPage("Round", new { id = i }) : RedirectToPage("Index");

    public async Task<IActionResult> OnPostCreateAsync(string? name, DateOnly? start, DateOnly? end, string? basisDoc)
    {
        var round = await service.CreateAsync(new NewRoundInput(name, start, end, basisDoc));
        return this.Done($"已新建考评轮次“{round.Name}”，考评方案按默认方案建立，可在“考评方案”中修改。", "Round", new { id = round.Id });
    }

    public Task<IActionResult> OnPostLockAsync(int id) => Run(id, () => service.LockAsync(id), "本轮考评已锁定并发布，成绩不可再修改。");

    public Task<IActionResult> OnPostUnlockAsync(int id, string? reason) => Run(id, () => service.UnlockAsync(id, reason), "本轮考评已解锁，解锁理由已记入审计日志。");

    private async Task<IActionResult> Run(int id, Func<Task> command, string done)
    {
        await command();
        return this.Done(done, "Round", new { id });
    }
}
