using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Pages.Admin.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

/// <summary>Administrators manage accounts from the web: the real forms, the one-time passwords, the sessions they end.</summary>
public class UserAdministrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private int UnitA => factory.Db(db => db.Units.Single(u => u.Name == "城关区政府办公室").Id);

    private async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> CreateAsync(HttpClient admin, string name, string role, int? unit, string displayName = "张三")
    {
        var fields = new Dictionary<string, string> { ["Input.UserName"] = name, ["Input.DisplayName"] = displayName, ["Input.Role"] = role };
        if (unit is int u) fields["Input.UnitId"] = u.ToString();
        var response = await admin.PostFormAsync("/Admin/Users/Create", fields);
        return (response, await response.ReadDocumentAsync());
    }

    [Fact]
    public async Task CreatedLiaison_SignsInWithTheOneTimePassword_AndMustChangeItOnEveryPage()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var (response, page) = await CreateAsync(admin, "wang.wu", "Liaison", UnitA, "王五");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = page.TextOf("#one-time-password");
        Assert.True(password.Length >= 10);

        var liaison = await factory.SignInAsync("wang.wu", password);
        foreach (var url in new[] { "/", "/Submissions", "/Search?q=城关", "/Supervision/Mine" })
        {
            var r = await liaison.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/Account/ChangePassword", r.Headers.Location!.OriginalString);
        }
        var change = await liaison.GetDocumentAsync("/Account/ChangePassword");
        Assert.Contains("至少 10 个字符", change.TextOf("#password-policy"));
        Assert.NotNull(change.QuerySelector("#must-change"));

        var mismatch = await (await liaison.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.Current"] = password, ["Input.New"] = "wangwu-2026-pass", ["Input.Confirm"] = "wangwu-2026-other",
        })).ReadDocumentAsync();
        Assert.Contains("两次输入的新密码不一致", mismatch.TextOf("#error"));

        var changed = await liaison.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.Current"] = password, ["Input.New"] = "wangwu-2026-pass", ["Input.Confirm"] = "wangwu-2026-pass",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var home = await liaison.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var doc = await home.ReadDocumentAsync();
        Assert.StartsWith("王五", doc.TextOf("#who"));
        Assert.Equal("城关区政府办公室", doc.TextOf("#my-unit"));
        await factory.SignInAsync("wang.wu", "wangwu-2026-pass");
    }

    [Fact]
    public async Task LiaisonWithoutUnit_AndDuplicateNames_AreRefused_WithAChineseMessage()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var count = factory.Db(db => db.Users.Count());
        var (_, noUnit) = await CreateAsync(admin, "no.unit", "Liaison", null);
        Assert.Equal(UserRules.LiaisonWithoutUnitMessage, noUnit.TextOf("#error"));
        var (_, duplicate) = await CreateAsync(admin, "DEMO.Liaison", "Staff", null);
        Assert.Contains("已被使用", duplicate.TextOf("#error"));
        Assert.Equal(count, factory.Db(db => db.Users.Count()));
    }

    [Fact]
    public async Task DisabledUser_OpenSessionEndsAtTheNextRequest_AndCannotSignIn_UntilEnabled()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var (_, created) = await CreateAsync(admin, "zhao.liu", "Staff", null, "赵六");
        var id = factory.Db(db => db.Users.Single(u => u.UserName == "zhao.liu").Id);
        var session = await factory.SignInAsync("zhao.liu", created.TextOf("#one-time-password"));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Account/ChangePassword")).StatusCode);

        var disabled = await admin.PostFormAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>(), action: $"/Admin/Users/Edit/{id}?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var refused = await session.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.OriginalString);

        var login = await (await factory.CreatePlainClient().PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "zhao.liu", ["Input.Password"] = created.TextOf("#one-time-password"),
        })).ReadDocumentAsync();
        Assert.Contains("已停用", login.TextOf("#login-error"));
        Assert.Contains("已停用", (await admin.GetDocumentAsync("/Admin/Users?state=Disabled")).TextOf("#users"));

        await admin.PostFormAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>(), action: $"/Admin/Users/Edit/{id}?handler=Enable");
        await factory.SignInAsync("zhao.liu", created.TextOf("#one-time-password"));
    }

    [Fact]
    public async Task ResetPassword_ShowsAOneTimePasswordOnce_EndsSessions_AndUnlocks()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var session = await factory.SignInAsync("liaison05");
        var id = factory.Db(db => db.Users.Single(u => u.UserName == "liaison05").Id);
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Identity.PortalUser>>();
            var u = await users.FindByIdAsync(id);
            return await users.SetLockoutEndDateAsync(u!, DateTimeOffset.UtcNow.AddMinutes(15));
        });
        Assert.Contains("已锁定", (await admin.GetDocumentAsync($"/Admin/Users/Edit/{id}")).TextOf("#user-state"));

        var reset = await (await admin.PostFormAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>(), action: $"/Admin/Users/Edit/{id}?handler=ResetPassword")).ReadDocumentAsync();
        var password = reset.TextOf("#one-time-password");
        Assert.DoesNotContain(password, await admin.GetStringAsync($"/Admin/Users/Edit/{id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/Supervision/Mine")).StatusCode);
        var again = await factory.SignInAsync("liaison05", password);
        Assert.Equal("/Account/ChangePassword", (await again.GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UsersList_Filters_ByRoleUnitStateAndText_AndPages()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var liaisons = await admin.GetDocumentAsync("/Admin/Users?role=Liaison");
        Assert.True(int.Parse(liaisons.TextOf("#total")) >= 24);
        Assert.Equal(20, liaisons.QuerySelectorAll("#users tbody tr").Length);
        Assert.NotNull(liaisons.QuerySelector("a.page-link"));
        var unit = await admin.GetDocumentAsync($"/Admin/Users?unit={UnitA}&role=Liaison");
        Assert.Contains(unit.QuerySelectorAll("#users tbody tr"), r => r.GetAttribute("data-user") == "demo.liaison");
        Assert.DoesNotContain(unit.QuerySelectorAll("#users tbody tr"), r => r.GetAttribute("data-user") == "demo.liaison2");
        var text = await admin.GetDocumentAsync("/Admin/Users?q=demo.lead");
        Assert.Equal("1", text.TextOf("#total"));
    }

    [Fact]
    public async Task LastSignIn_IsShown_InTheList_OnTheAccount_AndByTheCli()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var (_, created) = await CreateAsync(admin, "never.used", "Staff", null, "未登录者");
        Assert.NotNull(created.QuerySelector("#one-time-password"));
        // A sign-in under another case of the name is the same account's.
        await factory.SignInAsync("DEMO.Liaison2");
        var today = Portal.Infrastructure.ShanghaiClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");

        string LastOf(AngleSharp.Html.Dom.IHtmlDocument page, string user) =>
            page.QuerySelector($"#users tr[data-user='{user}'] [data-last-sign-in]")!.TextContent.Trim();
        var list = await admin.GetDocumentAsync("/Admin/Users?q=never.used");
        Assert.Equal("从未登录", LastOf(list, "never.used"));
        list = await admin.GetDocumentAsync("/Admin/Users?q=demo.liaison2");
        Assert.StartsWith(today + " ", LastOf(list, "demo.liaison2"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", LastOf(list, "demo.liaison2"));

        // Oldest first: accounts never used lead, so the administrator finds the ones to disable.
        var oldest = await admin.GetDocumentAsync("/Admin/Users?sort=last");
        Assert.Equal("从未登录", oldest.QuerySelector("#users tbody tr [data-last-sign-in]")!.TextContent.Trim());
        var newest = await admin.GetDocumentAsync("/Admin/Users?sort=last&desc=1");
        Assert.StartsWith(today, newest.QuerySelector("#users tbody tr [data-last-sign-in]")!.TextContent.Trim());

        var id = factory.Db(db => db.Users.Single(u => u.UserName == "demo.liaison2").Id);
        var account = await admin.GetDocumentAsync($"/Admin/Users/Edit/{id}");
        Assert.StartsWith(today + " ", account.TextOf("#last-sign-in"));
    }

    [Fact]
    public async Task EditUser_ChangesNameRoleAndUnit_AndRefusesALiaisonWithoutUnit()
    {
        var admin = await factory.SignInAsync("demo.admin");
        await CreateAsync(admin, "sun.qi", "Staff", null, "孙七");
        var id = factory.Db(db => db.Users.Single(u => u.UserName == "sun.qi").Id);
        var refused = await (await admin.PostFormAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.UserName"] = "sun.qi", ["Input.DisplayName"] = "孙七", ["Input.Role"] = "Liaison",
        }, formSelector: "#edit-user")).ReadDocumentAsync();
        Assert.Equal(UserRules.LiaisonWithoutUnitMessage, refused.TextOf("#error"));
        var saved = await admin.PostFormAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.UserName"] = "sun.qi", ["Input.DisplayName"] = "孙琪", ["Input.Role"] = "Liaison", ["Input.UnitId"] = UnitA.ToString(), ["Input.Phone"] = "0912-1234567",
        }, formSelector: "#edit-user");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = factory.Db(db => db.Users.Single(u => u.Id == id));
        Assert.Equal(("孙琪", UnitA, "0912-1234567"), (row.DisplayName, row.UnitId!.Value, row.PhoneNumber!));
        Assert.Contains("单位联络员", (await admin.GetDocumentAsync("/Admin/Users?q=sun.qi")).TextOf("#users"));
    }
}

/// <summary>Its own database: it disables administrators.</summary>
public class LastAdministratorTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task TheLastActiveAdministrator_CannotBeDisabledOrDemoted()
    {
        var admin = await factory.SignInAsync("admin", PortalFactory.AdminPassword);
        var demoAdmin = factory.Db(db => db.Users.Single(u => u.UserName == "demo.admin").Id);
        var self = factory.Db(db => db.Users.Single(u => u.UserName == "admin").Id);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Users/Edit/{demoAdmin}", new Dictionary<string, string>(),
            action: $"/Admin/Users/Edit/{demoAdmin}?handler=Disable")).StatusCode);

        var disable = await (await admin.PostFormAsync($"/Admin/Users/Edit/{self}", new Dictionary<string, string>(),
            action: $"/Admin/Users/Edit/{self}?handler=Disable")).ReadDocumentAsync();
        Assert.Equal(UserRules.LastAdministratorMessage, disable.TextOf("#error"));
        var demote = await (await admin.PostFormAsync($"/Admin/Users/Edit/{self}", new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin", ["Input.DisplayName"] = "系统管理员", ["Input.Role"] = "Staff",
        }, formSelector: "#edit-user")).ReadDocumentAsync();
        Assert.Equal(UserRules.LastAdministratorMessage, demote.TextOf("#error"));
        Assert.False(factory.Db(db => db.Users.Single(u => u.Id == self).IsDisabled));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin")).StatusCode);
    }
}
