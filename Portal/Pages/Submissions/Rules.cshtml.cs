using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

public sealed class RuleInput
{
    [Range(typeof(decimal), "0", "1000", ErrorMessage = "分值应在 0 到 1000 之间。")] public decimal City { get; set; }
    [Range(typeof(decimal), "0", "1000", ErrorMessage = "分值应在 0 到 1000 之间。")] public decimal Province { get; set; }
    [Range(typeof(decimal), "0", "1000", ErrorMessage = "分值应在 0 到 1000 之间。")] public decimal National { get; set; }
    [Range(typeof(decimal), "0", "1000", ErrorMessage = "分值应在 0 到 1000 之间。")] public decimal Instruction { get; set; }
    public Dictionary<SubmissionCategory, decimal> Bonus { get; set; } = new();

    public ScoringPoints ToPoints() => new(City, Province, National, Instruction,
        Bonus.Where(kv => Enum.IsDefined(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
}

/// <summary>The scoring rule of a year; saving it recomputes the points of that year's items.</summary>
[Authorize(Policy = Policies.Office)]
public class RulesModel(ScoringService scoring, TimeProvider time, PersonNames names) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public RuleInput Input { get; set; } = new();
    public bool IsDefault { get; private set; }
    public string? UpdatedText { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Year is not (>= 2000 and <= 2100)) ModelState.AddModelError(string.Empty, "年度无效。");
        await LoadAsync(ct, keepInput: true);
        if (!ModelState.IsValid) return Page();
        var changed = await scoring.SaveRuleAsync(Year!.Value, Input.ToPoints(), ct);
        return this.Done($"{Year}年计分规则已保存，已重算得分，{changed} 条信息的得分有变化。", new { year = Year });
    }

    private async Task LoadAsync(CancellationToken ct, bool keepInput = false)
    {
        Year ??= ShanghaiClock.Today(time).Year;
        if (Year is < 2000 or > 2100) Year = ShanghaiClock.Today(time).Year;
        var rule = await scoring.RuleAsync(Year.Value, ct);
        IsDefault = rule is null;
        UpdatedText = rule is null ? null : $"{ShanghaiClock.Format(rule.UpdatedAt)} 由 {names.Of(rule.UpdatedBy)} 修改";
        if (keepInput) return;
        var p = await scoring.PointsForYearAsync(Year.Value, ct);
        Input = new RuleInput
        {
            City = p.City, Province = p.Province, National = p.National, Instruction = p.Instruction,
            Bonus = SubmissionNames.Categories.ToDictionary(c => c, p.BonusFor),
        };
    }
}
