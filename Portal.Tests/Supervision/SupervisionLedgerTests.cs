using System.Net;
using Portal.Infrastructure;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Supervision;

/// <summary>The ledger pages on the server (20 a page), sorts by its columns and keeps filters, sort and page in the URL.</summary>
public class SupervisionLedgerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static List<int> Ids(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("tr[data-task-id]").Select(tr => int.Parse(tr.GetAttribute("data-task-id")!)).ToList();

    private static int Total(AngleSharp.Html.Dom.IHtmlDocument page) => int.Parse(page.TextOf("#total"));

    [Fact]
    public async Task Ledger_Pages20_AndAPagePastTheEnd_ShowsTheLastPage()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var all = factory.Db(db => db.Set<SupervisionTask>().Count());
        var first = await staff.GetDocumentAsync("/Supervision");
        Assert.Equal(all, Total(first));
        Assert.Equal(IndexModel.PageSize, Ids(first).Count);
        var last = (all + IndexModel.PageSize - 1) / IndexModel.PageSize;
        Assert.Contains($"第 1 / {last} 页", first.TextOf(".list-pager"));

        var seen = new List<int>();
        for (var p = 1; p <= last; p++) seen.AddRange(Ids(await staff.GetDocumentAsync($"/Supervision?p={p}")));
        Assert.Equal(all, seen.Count);
        Assert.Equal(all, seen.Distinct().Count());   // every task once, on exactly one page

        var past = await staff.GetDocumentAsync("/Supervision?p=9999");
        Assert.Contains($"第 {last} / {last} 页", past.TextOf(".list-pager"));
        Assert.Equal(Ids(await staff.GetDocumentAsync($"/Supervision?p={last}")), Ids(past));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Supervision?p=abc&sort=%3Cscript%3E&desc=maybe")).StatusCode);
    }

    [Fact]
    public async Task UnknownSortKey_FallsBackToTheDefaultOrder_AndKnownKeysSort()
    {
        var staff = await factory.SignInAsync("demo.staff");
        Assert.Equal(Ids(await staff.GetDocumentAsync("/Supervision")), Ids(await staff.GetDocumentAsync("/Supervision?sort=nonsense&desc=1")));

        var byDeadline = await staff.GetDocumentAsync("/Supervision?sort=deadline");
        var deadlines = byDeadline.QuerySelectorAll("tr[data-task-id] td:nth-child(7)").Select(td => td.TextContent.Trim()[..10]).ToList();
        Assert.Equal(deadlines.Order(StringComparer.Ordinal), deadlines);
        Assert.Equal(factory.Db(db => db.Set<SupervisionTask>().Min(t => t.Deadline)).ToString("yyyy-MM-dd"), deadlines[0]);
        Assert.Equal("ascending", byDeadline.QuerySelector("th[aria-sort=ascending]")?.GetAttribute("aria-sort"));

        var byWarning = await staff.GetDocumentAsync("/Supervision?sort=warning&desc=1");
        Assert.Contains("warn-red", byWarning.QuerySelector("tr[data-task-id]")!.ClassName);

        // The task urged most comes first when sorted by 催办次数, descending.
        var id = factory.Db(db => db.Set<SupervisionTask>().Where(t => t.Status == SupervisionStatus.InProgress).OrderBy(t => t.Id).Select(t => t.Id).First());
        factory.Db(db =>
        {
            var task = db.Set<SupervisionTask>().First(t => t.Id == id);
            db.Entry(task).Collection(t => t.CoUnits).Load();
            for (var i = 0; i < 5; i++) task.Urge(task.LeadUnitId, "单位", "排序测试", ShanghaiClock.Today(TimeProvider.System), "test", DateTime.UtcNow);
            return db.SaveChanges();
        });
        var byUrges = await staff.GetDocumentAsync("/Supervision?sort=urges&desc=1");
        Assert.Equal(id, Ids(byUrges)[0]);
        var urges = factory.Db(db => db.Set<TaskUrge>().Count(u => u.TaskId == id));
        Assert.True(urges >= 5);
        Assert.Equal(urges.ToString(), byUrges.QuerySelector("tr[data-task-id] td.urge-count")!.TextContent.Trim());
        var byProgress = await staff.GetDocumentAsync("/Supervision?sort=progress&desc=1");
        Assert.NotEmpty(byProgress.QuerySelector("tr[data-task-id] td.latest-progress")!.TextContent.Trim());
    }

    [Fact]
    public async Task Filters_AreKeptInThePagerAndSortLinks_AndTheExportHasEveryFilteredRow()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var year = factory.Db(db => db.Set<SupervisionTask>().GroupBy(t => t.AssignedOn.Year).OrderByDescending(g => g.Count()).Select(g => g.Key).First());
        var expected = factory.Db(db => db.Set<SupervisionTask>().Count(t => t.AssignedOn.Year == year && t.Status == SupervisionStatus.Closed));
        Assert.True(expected > IndexModel.PageSize, $"only {expected} closed tasks in {year}");
        var page = await staff.GetDocumentAsync($"/Supervision?year={year}&status=Closed&sort=title");
        Assert.Equal(expected, Total(page));
        var next = page.QuerySelector(".list-pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains($"year={year}", next);
        Assert.Contains("status=Closed", next);
        Assert.Contains("sort=title", next);
        var sortLink = page.QuerySelector("th a.sort-link")!.GetAttribute("href")!;
        Assert.Contains($"year={year}", sortLink);
        Assert.DoesNotContain("p=", sortLink);
        var second = await staff.GetDocumentAsync(next);
        Assert.All(second.QuerySelectorAll("tr[data-task-id] td:nth-child(8)"), td => Assert.StartsWith("已办结", td.TextContent.Trim()));

        // The export is the whole filtered list, not the page.
        var export = await staff.GetByteArrayAsync($"/Supervision?handler=Export&year={year}&status=Closed&p=2");
        var rows = Portal.Excel.ExcelReader.ReadRows(new MemoryStream(export));
        Assert.Equal(expected, rows.Count(r => r.Cells.Values.Any(c => c.Text.StartsWith("已办结"))));

        // Phone cards: the table says which column heads a card and which are left out.
        Assert.NotNull(page.QuerySelector("table.list-cards th[data-card=title]"));
        var shown = page.QuerySelectorAll("table.list-cards th:not([data-card=hide])").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(new[] { "事项名称", "牵头单位", "办理期限", "状态", "预警" }, shown.Select(h => h.TrimEnd('▲', '▼')));
    }

    [Fact]
    public async Task Liaison_SeesOnlyTheirUnitsTasks_OnEveryPage_AndInTheTotal()
    {
        var liaison = await factory.SignInAsync("demo.liaison");
        var unit = factory.Db(db => db.Units.Single(u => u.Name == "城关区政府办公室").Id);
        var allowed = factory.Db(db => db.Set<SupervisionTask>()
            .Where(t => t.Status != SupervisionStatus.Registered && (t.LeadUnitId == unit || t.CoUnits.Any(c => c.UnitId == unit)))
            .Select(t => t.Id).ToList());
        var first = await liaison.GetDocumentAsync("/Supervision?unitId=" + factory.Db(db => db.Units.Single(u => u.Name == "滨江区政府办公室").Id) + "&p=1");
        Assert.All(Ids(first), id => Assert.Contains(id, allowed));
        var page = await liaison.GetDocumentAsync("/Supervision");
        Assert.Equal(allowed.Count, Total(page));
        var seen = new List<int>();
        for (var p = 1; p <= (allowed.Count + IndexModel.PageSize - 1) / IndexModel.PageSize + 1; p++)
            seen.AddRange(Ids(await liaison.GetDocumentAsync($"/Supervision?p={p}&sort=deadline")));
        Assert.All(seen, id => Assert.Contains(id, allowed));
        Assert.Equal(allowed.Order(), seen.Distinct().Order());
    }
}
