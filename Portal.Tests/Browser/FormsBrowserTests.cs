using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>
/// Forms read the same whatever the browser's language (forms.js): dates typed as yyyy-MM-dd, a searchable picker for
/// 协办单位, in-page confirmation dialogs, validation messages and file inputs in Chinese. Most run in an English browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FormsBrowserTests(PortalServerFixture portal)
{
    private const string English = "en-US";

    private async Task OpenNewTaskFormAsync(IPage page, string title)
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Supervision/Create");
        await page.FillAsync("#Input_Title", title);
        await page.FillAsync("#Input_Requirements", "按要求办理并报送进展。");
        await page.SelectOptionAsync("#Input_LeadUnitId", new SelectOptionValue { Label = "城关区政府办公室" });
    }

    private static async Task SaveTaskAsync(IPage page)
    {
        await page.ClickAsync("#create-form button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/Supervision/Task/"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    [BrowserFact]
    public Task Deadline_TypedAsYyyyMmDd_InAnEnglishBrowser_IsSaved() => portal.RunAsync(nameof(Deadline_TypedAsYyyyMmDd_InAnEnglishBrowser_IsSaved), async page =>
    {
        await OpenNewTaskFormAsync(page, $"日期录入测试（{Guid.NewGuid().ToString("N")[..6]}）");
        // The server's default (today + 30) is shown as yyyy-MM-dd, not the browser's mm/dd/yyyy.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", await page.InputValueAsync("#Input_Deadline"));
        await page.ClickAsync("#Input_Deadline");
        // A Chinese calendar, weeks starting on Monday.
        await Assertions.Expect(page.Locator(".flatpickr-calendar.open .flatpickr-weekday").First).ToHaveTextAsync("周一");
        await page.FillAsync("#Input_Deadline", "2027-03-15");
        await Assertions.Expect(page.Locator(".flatpickr-calendar.open")).ToHaveCountAsync(0);
        await SaveTaskAsync(page);
        await Assertions.Expect(page.Locator("#deadline")).ToContainTextAsync("2027-03-15");
    }, English);

    [BrowserFact]
    public Task TagPicker_ChoosesTwoCoUnits_ByTyping() => portal.RunAsync(nameof(TagPicker_ChoosesTwoCoUnits_ByTyping), async page =>
    {
        await OpenNewTaskFormAsync(page, $"协办单位选择测试（{Guid.NewGuid().ToString("N")[..6]}）");
        var search = page.Locator("#Input_CoUnitIds-ts-control");
        await search.FillAsync("没有这个单位");
        await Assertions.Expect(page.Locator(".ts-dropdown .no-results")).ToHaveTextAsync("无匹配项");
        await search.FillAsync("滨江");
        await Assertions.Expect(page.Locator(".ts-dropdown .option.active")).ToHaveTextAsync("滨江区政府办公室");
        await search.PressAsync("Enter");
        await search.FillAsync("东山");
        await Assertions.Expect(page.Locator(".ts-dropdown .option.active")).ToHaveTextAsync("东山县政府办公室");
        await search.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".ts-control .item")).ToHaveCountAsync(2);
        Assert.Equal("删除", await page.Locator(".ts-control .item .remove").First.GetAttributeAsync("title"));
        await page.Keyboard.PressAsync("Escape");
        await SaveTaskAsync(page);
        var coUnits = await page.TextContentAsync("#co-units") ?? "";
        Assert.Contains("滨江区政府办公室", coUnits);
        Assert.Contains("东山县政府办公室", coUnits);
    }, English);

    [BrowserFact]
    public Task ConfirmDialog_CancelKeepsTheWord_ConfirmDeletesIt() => portal.RunAsync(nameof(ConfirmDialog_CancelKeepsTheWord_ConfirmDeletesIt), async page =>
    {
        var word = "确认测试" + Guid.NewGuid().ToString("N")[..4];
        await portal.SignInAsync(page, "demo.admin");
        await page.GotoAsync(portal.BaseUrl + "/Admin/Dictionary");
        await page.FillAsync("#Input_Word", word);
        await page.ClickAsync("#add-word button[type=submit]");
        var row = page.Locator("#words tr", new() { HasText = word });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await row.Locator("button[data-confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-dialog-text")).ToHaveTextAsync($"确定删除“{word}”吗？");
        Assert.Equal("确定", await page.TextContentAsync("#confirm-ok"));
        await PortalServerFixture.AnswerConfirmAsync(page, accept: false);
        await page.ReloadAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await row.Locator("button[data-confirm]").ClickAsync();
        await PortalServerFixture.AnswerConfirmAsync(page);
        await Assertions.Expect(page.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }, English);

    [BrowserFact]
    public Task ValidationMessages_AndFileInput_AreChinese_InAnEnglishBrowser() => portal.RunAsync(nameof(ValidationMessages_AndFileInput_AreChinese_InAnEnglishBrowser), async page =>
    {
        await portal.SignInAsync(page, "demo.liaison");
        await page.GotoAsync(portal.BaseUrl + "/Submissions/Create");
        var url = page.Url;
        await page.FillAsync("#Input_Title", "");
        await page.ClickAsync("form[method=post]:not(#logout-form) button[type=submit]");
        Assert.Equal(url, page.Url);
        Assert.Equal("请填写此项", await page.EvalOnSelectorAsync<string>("#Input_Title", "e => e.validationMessage"));

        await page.FillAsync("#Input_SubmittedOn", "2026-13-01");
        Assert.Equal("日期不存在，请检查年月日", await page.EvalOnSelectorAsync<string>("#Input_SubmittedOn", "e => e.validationMessage"));
        // Leaving the field keeps what was typed (flatpickr alone would make it 2027-01-01).
        await page.FocusAsync("#Input_Title");
        Assert.Equal("2026-13-01", await page.InputValueAsync("#Input_SubmittedOn"));
        await page.FillAsync("#Input_SubmittedOn", "2026-5-1");
        await page.FocusAsync("#Input_Title");
        Assert.Equal("2026-05-01", await page.InputValueAsync("#Input_SubmittedOn"));
        await page.FillAsync("#Input_SubmittedOn", "5/1/2026");
        Assert.Equal("请按 yyyy-MM-dd 格式填写日期，例如 2026-05-01", await page.EvalOnSelectorAsync<string>("#Input_SubmittedOn", "e => e.validationMessage"));
        await page.FillAsync("#Input_Title", "标题");
        Assert.Equal("", await page.EvalOnSelectorAsync<string>("#Input_Title", "e => e.validationMessage"));

        // The file input: 选择文件 / 未选择文件, then the chosen file's name.
        var picker = page.Locator(".file-picker", new() { Has = page.Locator("#Attachment") });
        await Assertions.Expect(picker.Locator(".file-picker-button")).ToHaveTextAsync("选择文件");
        await Assertions.Expect(picker.Locator(".file-picker-names")).ToHaveTextAsync("未选择文件");
        await page.SetInputFilesAsync("#Attachment", new FilePayload { Name = "情况说明.txt", MimeType = "text/plain", Buffer = "说明"u8.ToArray() });
        await Assertions.Expect(picker.Locator(".file-picker-names")).ToHaveTextAsync("情况说明.txt");
    }, English);
}
