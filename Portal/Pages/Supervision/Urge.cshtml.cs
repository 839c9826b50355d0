using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>催办 in a batch from the reminders page: each ticked task's lead unit, with one message. Staff only, like <see cref="ManageModel"/>.</summary>
[Authorize(Policy = Policies.Office)]
[ReturnOnRefusal("/Supervision/Reminders", "/Supervision/Reminders")]
public class UrgeModel(SupervisionService service) : PageModel
{
    [BindProperty] public List<int> TaskIds { get; set; } = new();
    [BindProperty] [StringLength(UrgeRules.MaxMessageLength, ErrorMessage = "催办说明不能超过 500 字。")] public string? Message { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            throw new RuleException(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Where(m => m.Length > 0).DefaultIfEmpty("勾选的事项无效。")));
        var count = await service.UrgeLeadUnitsAsync(TaskIds, Message);
        return this.Done($"已催办 {count} 件事项的牵头单位。", "/Supervision/Reminders", null);
    }
}
