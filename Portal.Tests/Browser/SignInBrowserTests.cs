using Microsoft.Playwright;

namespace Portal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class SignInBrowserTests(PortalServerFixture portal)
{
    [BrowserFact]
    public Task Anonymous_IsSentToSignIn_AndTheLoginPageIsChinese() => portal.RunAsync(nameof(Anonymous_IsSentToSignIn_AndTheLoginPageIsChinese), async page =>
    {
        await page.GotoAsync(portal.BaseUrl + "/Library");
        Assert.Contains("/Account/Login", page.Url);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("登录", await page.TextContentAsync("h1"));
    });

    [BrowserFact]
    public async Task EachRole_SignsIn_AndSeesItsMenu()
    {
        var cases = new (string User, string[] Shown, string[] Hidden)[]
        {
            ("demo.admin", new[] { "系统管理", "领导看板" }, Array.Empty<string>()),
            ("demo.staff", new[] { "信息报送", "年度考评" }, new[] { "系统管理" }),
            ("demo.leader", new[] { "领导看板" }, new[] { "信息报送", "系统管理" }),
            ("demo.liaison", new[] { "信息报送", "督查督办" }, new[] { "领导看板", "系统管理" }),
        };
        foreach (var (user, shown, hidden) in cases)
        {
            await portal.RunAsync("SignIn_" + user, async page =>
            {
                await portal.SignInAsync(page, user);
                var menu = await page.Locator("#main-menu a").AllTextContentsAsync();
                foreach (var s in shown) Assert.Contains(s, menu.Select(m => m.Trim()));
                foreach (var h in hidden) Assert.DoesNotContain(h, menu.Select(m => m.Trim()));
                // Bootstrap's CSS came from our own files: the navigation bar is styled.
                var background = await page.EvalOnSelectorAsync<string>("nav.navbar", "e => getComputedStyle(e).backgroundColor");
                Assert.NotEqual("rgba(0, 0, 0, 0)", background);
            });
        }
        Assert.Empty(portal.ExternalRequests);
    }

    [BrowserFact]
    public Task WrongPassword_ShowsTheMessage() => portal.RunAsync(nameof(WrongPassword_ShowsTheMessage), async page =>
    {
        await page.GotoAsync(portal.BaseUrl + "/Account/Login");
        await page.FillAsync("#Input_UserName", "demo.staff");
        await page.FillAsync("#Input_Password", "wrong-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("用户名或密码不正确");
    });

    [BrowserFact]
    public Task Phone_Width_CollapsesTheMenu() => portal.RunAsync(nameof(Phone_Width_CollapsesTheMenu), async page =>
    {
        await page.SetViewportSizeAsync(390, 844);
        await portal.SignInAsync(page, "demo.staff");
        Assert.True(await page.IsVisibleAsync(".navbar-toggler"));
        Assert.False(await page.IsVisibleAsync("#main-menu"));
        await page.ClickAsync(".navbar-toggler");
        await Assertions.Expect(page.Locator("#main-menu")).ToBeVisibleAsync();
    });
}
