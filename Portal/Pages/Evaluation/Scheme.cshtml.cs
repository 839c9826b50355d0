using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>A round's scheme (考评方案): staff edit it while the round is open; leaders read it.</summary>
[OfficeWrites]
public class SchemeModel(SchemeService service, CurrentUser me) : PageModel
{
    public SchemeContext Context { get; private set; } = null!;
    public List<string> Errors { get; private set; } = new();
    public bool Editable => me.IsStaff && !Context.Round.IsLocked;

    [BindProperty] public SchemeForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await service.ContextAsync(id) is not { } context) return NotFound();
        Context = context;
        Input = SchemeForm.From(context.Round, context.Units);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await service.ContextAsync(id) is not { } context) return NotFound();
        try { Errors = await service.SaveAsync(id, Input); }
        catch (EvaluationRuleException ex) { Errors = new() { ex.Message }; }
        if (Errors.Count == 0)
        {
            TempData["Message"] = "考评方案已保存，成绩已按新方案重新计算。";
            return RedirectToPage("Round", new { id });
        }
        // Show what was typed, with the messages; the round as stored is unchanged.
        Context = await service.ContextAsync(id) ?? context;
        return Page();
    }
}
