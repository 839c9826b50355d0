using System.Net;
using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Dom;
using Portal.Pages.Submissions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

/// <summary>Every link of each role's menu and home page opens its page (200), or answers the 403 intended for that role.</summary>
public class HomeLinksTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Links a role is shown but refused, and why (none today: menus and home pages only offer what a role may open).</summary>
    private static readonly HashSet<(string User, string Path)> IntendedDenials = [];

    [Theory]
    [InlineData("demo.admin")]
    [InlineData("demo.staff")]
    [InlineData("demo.leader")]
    [InlineData("demo.liaison")]
    public async Task EveryMenuAndHomePageLink_Opens(string user)
    {
        await EnsureAReturnedSubmissionAsync();
        var client = await factory.SignInAsync(user);
        var home = await client.GetDocumentAsync("/");
        var links = home.QuerySelectorAll("#main-menu a, main a")
            .Select(a => a.GetAttribute("href")!)
            .Where(h => h.StartsWith('/') && !h.StartsWith("//"))
            .Distinct().ToList();
        Assert.True(links.Count >= 4, $"only {links.Count} links on {user}'s home page");

        var failures = new List<string>();
        foreach (var href in links)
        {
            var response = await client.GetAsync(href);
            var expected = IntendedDenials.Contains((user, href.Split('?')[0])) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            var actual = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied")
                ? HttpStatusCode.Forbidden : response.StatusCode;
            if (actual != expected) failures.Add($"{href}: {(int)response.StatusCode} {response.Headers.Location}, expected {(int)expected}");
        }
        Assert.True(failures.Count == 0, $"{user}: " + string.Join("; ", failures));
    }

    [Fact]
    public async Task AttentionLists_LinkToTheRecordsRoutes()
    {
        await EnsureAReturnedSubmissionAsync();
        var staff = await (await factory.SignInAsync("demo.staff")).GetDocumentAsync("/");
        var liaison = await (await factory.SignInAsync("demo.liaison")).GetDocumentAsync("/");
        var hrefs = staff.QuerySelectorAll("#attention-staff a").Concat(liaison.QuerySelectorAll("#attention-liaison a"))
            .Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(hrefs, h => System.Text.RegularExpressions.Regex.IsMatch(h, @"^/Supervision/Task/\d+$"));
        Assert.Contains(hrefs, h => System.Text.RegularExpressions.Regex.IsMatch(h, @"^/Submissions/Details/\d+$"));
        Assert.DoesNotContain(hrefs, h => h.Contains("?id="));
        // Each list leads on to the whole of it: the review queue, and the liaison's own items.
        // An item waiting for review opens where it is reviewed.
        Assert.Contains(staff.QuerySelectorAll("#attention-staff a"), a => System.Text.RegularExpressions.Regex.IsMatch(a.GetAttribute("href")!, @"^/Submissions/Review/Item/\d+$"));
        Assert.Contains("/Submissions/Review", staff.QuerySelectorAll("#attention-staff a").Select(a => a.GetAttribute("href")));
        Assert.Contains("/Submissions", liaison.QuerySelectorAll("#attention-liaison a").Select(a => a.GetAttribute("href")));
    }

    /// <summary>The liaison's list of returned items must hold one, so that its links are followed too.</summary>
    private Task EnsureAReturnedSubmissionAsync() => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Portal.Data.PortalDbContext>();
        const string title = "首页链接测试：被退回的信息";
        if (db.Set<Submission>().Any(s => s.Title == title)) return 0;
        var unit = db.Users.Single(u => u.UserName == "demo.liaison").UnitId!.Value;
        var s = new Submission(unit, title, "正文", SubmissionCategory.Dynamic, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), "demo.liaison", DateTime.UtcNow);
        s.Return("请补充数据", "demo.staff", DateTime.UtcNow);
        db.Add(s);
        return await db.SaveChangesAsync();
    });
}
