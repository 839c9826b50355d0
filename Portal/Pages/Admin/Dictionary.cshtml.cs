using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Admin;

public class DictionaryModel(UserDictionaryService dictionary, CurrentUser me) : PageModel
{
    public List<DictionaryWord> Words { get; private set; } = new();
    public bool Pending { get; private set; }

    [BindProperty] public WordInput Input { get; set; } = new();

    public record WordInput
    {
        [StringLength(UserDictionary.MaxWordLength, ErrorMessage = "词语不能超过 20 个字。")] public string? Word { get; set; }
        [Range(1, 10_000_000, ErrorMessage = "词频应为 1 到 10000000 之间的整数（可不填）。")] public int? Frequency { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        // Loaded first: a refusal (invalid input, or a RuleException through the refusal filter) shows the page again with what was typed.
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var word = await dictionary.AddAsync(Input.Word, Input.Frequency, me.UserName);
        return this.Done($"已添加“{word}”。重建索引后生效。");
    }

    // Already gone (deleted twice, or from another window): said so, like any other outcome.
    public async Task<IActionResult> OnPostRemoveAsync(int id) =>
        this.Done(await dictionary.RemoveAsync(id) ? "已删除。重建索引后生效。" : "该词语已不在词典中。");

    private async Task LoadAsync()
    {
        Words = await dictionary.ListAsync();
        Pending = await dictionary.PendingAsync();
    }
}
