using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Infrastructure;

public static class ModelStateText
{
    /// <summary>The form's validation errors as one Chinese message.</summary>
    public static string ModelErrors(this PageModel page) =>
        string.Join(" ", page.ModelState.Values.SelectMany(v => v.Errors).Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "输入格式不正确。" : e.ErrorMessage));
}
