using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure;

namespace Portal.Pages.Admin;

public class DictionaryModel(UserDictionaryService dictionary, CurrentUser me) : PageModel
{
    public List<DictionaryWord> Words { get; private set; } = new();
    public bool Pending { get; private set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    [BindProperty] public WordInput Input { get; set; } = new();

    public record WordInput
    {
        [StringLength(UserDictionary.MaxWordLength, ErrorMessage = "词语不能超过 20 个字。")] public string? Word { get; set; }
        [Range(1, 10_000_000, ErrorMessage = "词频应为 1 到 10000000 之间的整数（可不填）。")] public int? Frequency { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        Error = ModelState.IsValid ? await dictionary.AddAsync(Input.Word, Input.Frequency, me.UserName)
                                   : string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "输入格式不正确。" : e.ErrorMessage));
        if (Error is not null)
        {
            await LoadAsync();
            return Page();
        }
        Message = $"已添加“{Input.Word!.Trim()}”。重建索引后生效。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (!await dictionary.RemoveAsync(id)) return NotFound();
        Message = "已删除。重建索引后生效。";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Words = await dictionary.ListAsync();
        Pending = await dictionary.PendingAsync();
    }
}
