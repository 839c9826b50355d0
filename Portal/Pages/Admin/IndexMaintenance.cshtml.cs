using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Admin;

public class IndexMaintenanceModel(IndexRebuilds rebuilds, CurrentUser me) : PageModel
{
    public IndexState State { get; private set; } = null!;

    public async Task OnGetAsync() => State = await rebuilds.StateAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        State = await rebuilds.StateAsync();
        if (!await rebuilds.TryStartAsync(me.UserName)) throw new RuleException("已有一个索引重建正在进行（可能由其他实例或命令行启动），请等它完成。");
        return this.Done("已开始重建索引。重建期间检索照常可用，结果可能暂不完整。");
    }

    public async Task<IActionResult> OnGetProgressAsync()
    {
        var s = await rebuilds.StateAsync();
        return new JsonResult(new { running = s.Running, done = s.Job?.Done ?? 0, total = s.Job?.Total ?? 0, percent = s.Percent, message = s.Job?.Message });
    }
}
