using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>A round's scheme (考评方案): staff edit it while the round is open; leaders read it.</summary>
[OfficeWrites]
public class SchemeModel(SchemeService service, CurrentUser me) : PageModel
{
    public SchemeContext Context { get; private set; } = null!;
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
        // A refusal shows what was typed, with the messages; the round as stored is unchanged.
        Context = context;
        ModelState.AddErrors(await service.SaveAsync(id, Input));
        if (!ModelState.IsValid) return Page();
        return this.Done("考评方案已保存，成绩已按新方案重新计算。", "Round", new { id });
    }
}
