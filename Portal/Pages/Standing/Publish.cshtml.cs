using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Standing;

/// <summary>Staff choose which yearly rankings every unit may see on 本单位统计 (ranks only).</summary>
[Authorize(Policy = Policies.Office)]
public class PublishModel(UnitStandingService service, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public bool Submissions { get; set; }
    [BindProperty] public bool Supervision { get; set; }

    public async Task OnGetAsync()
    {
        if (Year is not (>= 2000 and <= 2100)) Year = ShanghaiClock.Today(time).Year;
        var published = await service.PublishedAsync(Year.Value);
        (Submissions, Supervision) = (published.Contains(PublishedRanking.Submissions), published.Contains(PublishedRanking.Supervision));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Year is not (>= 2000 and <= 2100)) throw new RuleException("年度无效。");
        await service.SetPublishedAsync(PublishedRanking.Submissions, Year.Value, Submissions);
        await service.SetPublishedAsync(PublishedRanking.Supervision, Year.Value, Supervision);
        return this.Done($"{Year}年排名公布设置已保存。", new { year = Year });
    }
}
