using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

/// <summary>系统管理's overview: the counts, and the accounts and units that need the administrator, each leading to where it is dealt with.</summary>
public class AdminOverviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private void Exec(Func<Portal.Data.PortalDbContext, Task<int>> change) => factory.Db(db => change(db).GetAwaiter().GetResult());

    private static List<string> Users(AngleSharp.Html.Dom.IHtmlDocument page, string card) =>
        page.QuerySelectorAll($"#{card} li[data-user]").Select(li => li.GetAttribute("data-user")!).ToList();

    [Fact]
    public async Task Overview_ListsLockedUnservedDormantAndUnchangedAccounts_WithTheirLinks()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var now = DateTime.UtcNow;
        // Everyone signed in lately, but liaison07 100 days ago and liaison08 never; liaison05 is locked; liaison06 has left (disabled).
        Exec(db => db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now.AddDays(-10))));
        Exec(db => db.Users.Where(u => u.UserName == "liaison07").ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now.AddDays(-100))));
        Exec(db => db.Users.Where(u => u.UserName == "liaison08").ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, (DateTime?)null)));
        Exec(db => db.Users.Where(u => u.UserName == "liaison05").ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))));
        Exec(db => db.Users.Where(u => u.UserName == "liaison06").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        var unit = factory.Db(db => db.Users.Where(u => u.UserName == "liaison06").Select(u => new { u.Unit!.Name, u.Unit.Id }).Single());
        var created = await (await admin.PostFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.UserName"] = "new.staff", ["Input.DisplayName"] = "新同事", ["Input.Role"] = "Staff",
        })).ReadDocumentAsync();
        Assert.NotNull(created.QuerySelector("#one-time-password"));
        Exec(db => db.Users.Where(u => u.UserName == "new.staff").ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now)));

        var page = await admin.GetDocumentAsync("/Admin");
        var units = factory.Db(db => db.Units.Count(u => u.IsActive));
        var active = factory.Db(db => db.Users.Count(u => !u.IsDisabled));
        Assert.Equal($"单位 {units} 个启用；账户 {active} 个启用、1 个停用。", page.TextOf("#admin-counts"));

        Assert.Equal(["liaison05"], Users(page, "locked-accounts"));
        Assert.Equal(["liaison07", "liaison08"], Users(page, "dormant-accounts"));
        Assert.Equal(["new.staff"], Users(page, "must-change-password"));
        Assert.Contains("90 天以上未登录的账户", page.TextOf("#dormant-accounts h3"));
        var unserved = page.QuerySelectorAll("#units-without-liaison li").ToList();
        Assert.Equal(unit.Name, unserved.Single().TextContent.Split('·')[0].Trim());

        // Each name opens its account; the unit leads to a new liaison account of that unit.
        var locked = page.QuerySelector("#locked-accounts a")!.GetAttribute("href")!;
        Assert.Contains("已锁定", (await admin.GetDocumentAsync(locked)).TextOf("#user-state"));
        // The users page filters by the same state (on SQLite it was an error: a DateTimeOffset compared in SQL).
        var lockedList = await admin.GetDocumentAsync("/Admin/Users?state=Locked");
        Assert.Equal(["liaison05"], lockedList.QuerySelectorAll("#users tbody tr[data-user]").Select(r => r.GetAttribute("data-user")));
        var activeList = await admin.GetDocumentAsync("/Admin/Users?state=Active&q=liaison0");
        Assert.DoesNotContain("liaison05", activeList.QuerySelectorAll("#users tbody tr[data-user]").Select(r => r.GetAttribute("data-user")));
        Assert.DoesNotContain("liaison06", activeList.QuerySelectorAll("#users tbody tr[data-user]").Select(r => r.GetAttribute("data-user")));
        Assert.Contains("liaison07", activeList.QuerySelectorAll("#users tbody tr[data-user]").Select(r => r.GetAttribute("data-user")));
        var create = await admin.GetDocumentAsync(unserved.Single().QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("Liaison", create.QuerySelector("select[name='Input.Role'] option[selected]")?.GetAttribute("value"));
        Assert.Equal(unit.Id.ToString(), create.QuerySelector("select[name='Input.UnitId'] option[selected]")?.GetAttribute("value"));
        // An id that is no unit is no prefill, and no error.
        foreach (var bad in new[] { "999999", "abc", "-1" })
        {
            var unknown = await admin.GetAsync("/Admin/Users/Create?unit=" + bad);
            Assert.Equal(System.Net.HttpStatusCode.OK, unknown.StatusCode);
            Assert.Null((await unknown.ReadDocumentAsync()).QuerySelector("select[name='Input.UnitId'] option[selected][value]:not([value=''])"));
        }
    }

    [Fact]
    public async Task LongLists_NameTheFirstTen_AndLeadToTheUsersPage()
    {
        var admin = await factory.SignInAsync("demo.admin");
        Exec(db => db.Users.Where(u => u.UserName!.StartsWith("liaison1")).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, (DateTime?)null)));
        var dormant = factory.Db(db => db.Users.Count(u => !u.IsDisabled && (u.LastSignInAt == null || u.LastSignInAt < DateTime.UtcNow.AddDays(-90))));
        Assert.True(dormant > 10, $"{dormant} dormant accounts");
        var page = await admin.GetDocumentAsync("/Admin");
        Assert.Equal(10, Users(page, "dormant-accounts").Count);
        Assert.Contains($"另有 {dormant - 10} 个", page.TextOf("#dormant-accounts"));
        Assert.Equal("/Admin/Users?state=Active&sort=last", page.QuerySelector("#dormant-accounts p a")!.GetAttribute("href"));
    }
}
