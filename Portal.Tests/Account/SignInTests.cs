using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Account;

public class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("demo.admin", new[] { "文档检索", "信息报送", "督查督办", "年度考评", "领导看板", "系统管理" }, new string[0])]
    [InlineData("demo.staff", new[] { "文档检索", "信息报送", "督查督办", "年度考评", "领导看板" }, new[] { "系统管理" })]
    [InlineData("demo.leader", new[] { "文档检索", "年度考评", "领导看板" }, new[] { "信息报送", "督查督办", "系统管理" })]
    [InlineData("demo.liaison", new[] { "文档检索", "信息报送", "督查督办" }, new[] { "年度考评", "领导看板", "系统管理" })]
    public async Task EachRole_SeesItsOwnMenu(string user, string[] shown, string[] hidden)
    {
        var client = await factory.SignInAsync(user);
        var home = await client.GetDocumentAsync("/");
        var menu = home.QuerySelectorAll("#main-menu a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("首页", menu);
        foreach (var item in shown) Assert.Contains(item, menu);
        foreach (var item in hidden) Assert.DoesNotContain(item, menu);
    }

    [Fact]
    public async Task Liaison_SeesItsUnit_OnTheHomePage()
    {
        var client = await factory.SignInAsync("demo.liaison");
        var home = await client.GetDocumentAsync("/");
        Assert.Equal("城关区政府办公室", home.TextOf("#my-unit"));
    }

    [Fact]
    public async Task BootstrapAdministrator_FromConfiguration_CanSignIn()
    {
        var client = await factory.SignInAsync("admin", PortalFactory.AdminPassword);
        var admin = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_ShowsAMessage()
    {
        var client = factory.CreatePlainClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "demo.leader", ["Input.Password"] = "not-the-password",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("用户名或密码不正确", page.TextOf("#login-error"));
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_EvenForTheRightPassword()
    {
        var client = factory.CreatePlainClient();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
            {
                ["Input.UserName"] = "liaison05", ["Input.Password"] = "wrong-password-" + i,
            });
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "liaison05", ["Input.Password"] = global::Portal.Demo.DemoUnitsAndUsers.Password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("锁定", page.TextOf("#login-error"));
        Assert.True(factory.Db(db => db.AuditEntries.Any(a => a.Action == "登录被锁定" && a.UserName == "liaison05")));
    }

    [Fact]
    public async Task NonAdmin_GetsAccessDenied_ForAdministration()
    {
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = factory.CreatePlainClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "demo.admin", ["Input.Password"] = global::Portal.Demo.DemoUnitsAndUsers.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await factory.SignInAsync("demo.leader");
        var token = await client.AntiforgeryTokenAsync("/");
        await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
