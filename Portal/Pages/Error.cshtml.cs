using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }
    public int Code { get; private set; }

    public string Message => HttpContext.Items[Infrastructure.PostedForm.MessageItem] as string ?? Code switch
    {
        404 => "您要访问的页面或记录不存在，或您无权查看。",
        403 => "您无权执行该操作。",
        400 => "请求无效，请检查输入后重试。",
        405 => "该页面不接受这种请求，请通过页面上的按钮或链接操作。",
        0 => "服务器处理请求时出错，请稍后重试。如问题持续，请联系系统管理员。",
        _ => $"请求未能完成（{Code}）。",
    };

    public void OnGet(int? code) => Handle(code);
    public void OnPost(int? code) => Handle(code);

    private void Handle(int? code)
    {
        Code = code ?? 0;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
