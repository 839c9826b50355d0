using System.Net;
using AngleSharp.Html.Dom;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

/// <summary>The audit log and the user list on the shared list infrastructure: sorting by each column, paging past the end, hostile URLs.</summary>
public class AdminListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static List<string> Column(IHtmlDocument page, string table, int column) =>
        page.QuerySelectorAll($"#{table} tbody tr").Select(tr => tr.Children[column].TextContent.Trim()).ToList();

    [Theory]
    [InlineData("", false)] [InlineData("at", false)] [InlineData("at", true)] [InlineData("user", false)] [InlineData("user", true)]
    [InlineData("action", false)] [InlineData("address", true)]
    public async Task Audit_SortsByEachColumn_InTheDatabaseOrder(string key, bool desc)
    {
        var admin = await factory.SignInAsync("demo.admin");
        var page = await admin.GetDocumentAsync($"/Admin/Audit?sort={key}" + (desc ? "&desc=1" : ""));
        var expected = factory.Db(db =>
        {
            var q = db.AuditEntries.AsQueryable();
            IOrderedQueryable<AuditEntry> o = key switch
            {
                "at" => desc ? q.OrderByDescending(a => a.At) : q.OrderBy(a => a.At),
                // Empty values (the portal's own actions have no user and no address) sort as the smallest on every database.
                "user" => desc ? q.OrderBy(a => a.UserName == null).ThenByDescending(a => a.UserName) : q.OrderByDescending(a => a.UserName == null).ThenBy(a => a.UserName),
                "action" => desc ? q.OrderByDescending(a => a.Action) : q.OrderBy(a => a.Action),
                "address" => desc ? q.OrderBy(a => a.ClientAddress == null).ThenByDescending(a => a.ClientAddress) : q.OrderByDescending(a => a.ClientAddress == null).ThenBy(a => a.ClientAddress),
                _ => q.OrderByDescending(a => a.Id),
            };
            return o.ThenByDescending(a => a.Id).Take(50).Select(a => a.Id).ToList();
        });
        Assert.Equal(expected, page.QuerySelectorAll("#audit tbody tr[data-id]").Select(tr => long.Parse(tr.GetAttribute("data-id")!)));
        // The export is of what the page shows, in its order.
        Assert.Contains("handler=Export", page.QuerySelector("#export-audit")!.GetAttribute("href"));
        if (key != "") Assert.Contains($"sort={key}", page.QuerySelector("#export-audit")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Audit_APagePastTheEnd_ShowsTheLastPage_WithItsFilters()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var page = await admin.GetDocumentAsync("/Admin/Audit?user=%E7%B3%BB%E7%BB%9F&p=99999&sort=at");
        var total = int.Parse(page.TextOf("#total"));
        Assert.True(total > 0);
        var rows = page.QuerySelectorAll("#audit tbody tr").Length;
        Assert.Equal(total % 50 == 0 ? Math.Min(total, 50) : total % 50, rows);
        Assert.All(Column(page, "audit", 1), p => Assert.Equal("系统", p));
        if (total > 50) Assert.Contains("user=", page.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("name", false)] [InlineData("name", true)] [InlineData("display", false)] [InlineData("unit", true)]
    [InlineData("last", false)] [InlineData("last", true)]
    public async Task Users_SortByEachColumn_InTheDatabaseOrder(string key, bool desc)
    {
        var admin = await factory.SignInAsync("demo.admin");
        var page = await admin.GetDocumentAsync($"/Admin/Users?sort={key}" + (desc ? "&desc=1" : ""));
        var expected = factory.Db(db =>
        {
            var q = db.Users.AsQueryable();
            IOrderedQueryable<Portal.Identity.PortalUser> o = key switch
            {
                "name" => desc ? q.OrderByDescending(u => u.UserName) : q.OrderBy(u => u.UserName),
                "display" => desc ? q.OrderByDescending(u => u.DisplayName) : q.OrderBy(u => u.DisplayName),
                "last" => desc ? q.OrderByDescending(u => u.LastSignInAt ?? DateTime.MinValue) : q.OrderBy(u => u.LastSignInAt ?? DateTime.MinValue),
                _ => desc ? q.OrderByDescending(u => u.Unit!.SortOrder) : q.OrderBy(u => u.Unit!.SortOrder),
            };
            return o.ThenBy(u => u.UserName).Take(20).Select(u => u.UserName!).ToList();
        });
        Assert.Equal(expected, Column(page, "users", 0));
    }

    [Theory]
    [InlineData("/Admin/Audit?from=2026-99-99&to=x&kind=%3Cscript%3E&sort=%27&desc=2&p=-1")]
    [InlineData("/Admin/Audit?handler=Export&sort=user&desc=1&from=bad")]
    [InlineData("/Admin/Audit?user=%00a&object=%00%27&p=2")]
    [InlineData("/Admin/Users?q=%00x&role=%00")]
    [InlineData("/Admin/Users?state=Nope&unit=abc&role=%3Cscript%3E&sort=x&p=99999999999")]
    public async Task HostileValues_AreNoFilter_NeverAnError(string url)
    {
        var admin = await factory.SignInAsync("demo.admin");
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
