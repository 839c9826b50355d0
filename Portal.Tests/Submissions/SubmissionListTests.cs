using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Pages.Submissions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Submissions;

/// <summary>The submissions list and the review queue (and, for hostile URLs, the library list): server paging, each filter, each sort key, hostile URLs, unit scoping, 下一条.</summary>
public class SubmissionListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int PageSize = 50;

    private int UnitId(string name) => factory.Db(db => db.Units.Single(u => u.Name == name).Id);

    private static List<int> Ids(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"#{table} tbody tr[data-id]").Select(tr => int.Parse(tr.GetAttribute("data-id")!)).ToList();

    private static int Total(IHtmlDocument page, string selector = "#total") => int.Parse(page.TextOf(selector));

    private List<Submission> Rows(List<int> ids) => factory.Db(db => db.Set<Submission>().Include(s => s.Adoptions).Where(s => ids.Contains(s.Id)).ToList());

    private List<int> NewItems(string tag, int count, int? unit = null) => factory.Db(db =>
    {
        var unitId = unit ?? db.Units.Single(u => u.Name == "城关区政府办公室").Id;
        var items = Enumerable.Range(0, count).Select(i =>
            new Submission(unitId, $"{tag}第{i + 1}条", "正文", SubmissionCategory.Economy, new DateOnly(2025, 3, 1 + i), "test", DateTime.UtcNow)).ToList();
        db.AddRange(items);
        db.SaveChanges();
        return items.Select(s => s.Id).ToList();
    });

    public static TheoryData<string, bool> SortKeys() => new()
    {
        { "date", false }, { "date", true }, { "unit", false }, { "unit", true }, { "title", false }, { "title", true },
        { "category", false }, { "category", true }, { "status", false }, { "status", true }, { "points", false }, { "points", true },
    };

    [Theory, MemberData(nameof(SortKeys))]
    public async Task Staff_List_SortsByEachColumn_InTheDatabaseOrder(string key, bool desc)
    {
        var staff = await factory.SignInAsync("demo.staff");
        var page = await staff.GetDocumentAsync($"/Submissions?sort={key}" + (desc ? "&desc=1" : ""));
        var expected = factory.Db(db =>
        {
            var q = db.Set<Submission>().AsQueryable();
            IOrderedQueryable<Submission> o = key switch
            {
                "date" => desc ? q.OrderByDescending(s => s.SubmittedOn) : q.OrderBy(s => s.SubmittedOn),
                "unit" => desc ? q.OrderByDescending(s => s.Unit!.SortOrder) : q.OrderBy(s => s.Unit!.SortOrder),
                "title" => desc ? q.OrderByDescending(s => s.Title) : q.OrderBy(s => s.Title),
                "category" => desc ? q.OrderByDescending(s => s.Category) : q.OrderBy(s => s.Category),
                "status" => desc ? q.OrderByDescending(s => s.Status) : q.OrderBy(s => s.Status),
                _ => desc ? q.OrderByDescending(s => s.Points) : q.OrderBy(s => s.Points),
            };
            return o.ThenByDescending(s => s.Id).Select(s => s.Id).Take(PageSize).ToList();
        });
        Assert.Equal(expected, Ids(page, "submissions"));
        Assert.Equal(desc ? "descending" : "ascending", page.QuerySelector($"#submissions th[aria-sort] a[href*='sort={key}']")!.ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Staff_List_PagesOnTheServer_AndAPagePastTheEndShowsTheLastPage()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var total = factory.Db(db => db.Set<Submission>().Count());
        Assert.True(total > PageSize, "the demo data fills more than one page");
        var first = await staff.GetDocumentAsync("/Submissions");
        Assert.Equal(total, Total(first));
        Assert.Equal(PageSize, Ids(first, "submissions").Count);
        var lastCount = total % PageSize == 0 ? PageSize : total % PageSize;
        var past = await staff.GetDocumentAsync("/Submissions?p=9999&sort=title");
        Assert.Equal(lastCount, Ids(past, "submissions").Count);
        Assert.Contains("sort=title", past.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        var second = await staff.GetDocumentAsync("/Submissions?p=2");
        Assert.Empty(Ids(first, "submissions").Intersect(Ids(second, "submissions")));
    }

    [Fact]
    public async Task Staff_List_FiltersByEachField_AndCountsWhatItFilters()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var unit = UnitId("滨江区政府办公室");
        async Task<List<Submission>> Check(string query, Func<Submission, bool> rule)
        {
            var page = await staff.GetDocumentAsync("/Submissions?" + query);
            var rows = Rows(Ids(page, "submissions"));
            Assert.All(rows, s => Assert.True(rule(s), $"{query}: {s.Id}"));
            var all = factory.Db(db => db.Set<Submission>().Include(s => s.Adoptions).ToList()).Count(rule);
            Assert.Equal(all, Total(page));
            return rows;
        }
        Assert.NotEmpty(await Check($"unit={unit}", s => s.UnitId == unit));
        Assert.NotEmpty(await Check("status=Adopted", s => s.Status == SubmissionStatus.Adopted));
        Assert.NotEmpty(await Check("level=Province", s => s.Adoptions.Any(a => a.Level == AdoptionLevel.Province)));
        Assert.NotEmpty(await Check("category=Economy", s => s.Category == SubmissionCategory.Economy));
        var year = factory.Db(db => db.Set<Submission>().Max(s => s.SubmittedOn)).Year;
        Assert.NotEmpty(await Check($"year={year}", s => s.SubmittedOn.Year == year));
        var to = factory.Db(db => db.Set<Submission>().Max(s => s.SubmittedOn));
        var from = to.AddDays(-20);
        Assert.NotEmpty(await Check($"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", s => s.SubmittedOn >= from && s.SubmittedOn <= to));
        var tag = "筛选关键词" + Guid.NewGuid().ToString("N")[..6];
        NewItems(tag, 2);
        Assert.Equal(2, (await Check($"q={Uri.EscapeDataString(tag)}", s => s.Title.Contains(tag))).Count);
        // Filters combine, and the page links keep them.
        var combined = await staff.GetDocumentAsync($"/Submissions?unit={unit}&category=Dynamic&sort=date&p=1");
        Assert.All(combined.QuerySelectorAll("#submissions th a.sort-link"), a => Assert.Contains($"unit={unit}", a.GetAttribute("href")));
        Assert.Equal(unit.ToString(), combined.QuerySelector<IHtmlSelectElement>("select[name=unit]")!.Value);
    }

    [Theory]
    [InlineData("/Submissions?status=Nope&level=9&category=%3Cscript%3E&unit=abc&year=99999&from=2026-13-45&to=x&sort=%27;drop&desc=maybe&p=-3")]
    [InlineData("/Submissions?q=%00%27%22%3C%3E&p=99999999999")]
    [InlineData("/Submissions/Review?unit=-1&category=99&from=0000-00-00&sort=points&desc=1&p=abc")]
    [InlineData("/Submissions/Review/Item/{id}?unit=abc&sort=%3Cx%3E&q=%27")]
    [InlineData("/Library?type=%3Cscript%3E&unit=abc&year=-1&q=%27%22&sort=%3Cb%3E&desc=x&p=0")]
    [InlineData("/Library?unit=99999999999&year=2024.5&p=99999999999")]
    public async Task HostileValues_AreNoFilter_NeverAnError(string url)
    {
        var id = NewItems("恶意参数", 1)[0];
        var staff = await factory.SignInAsync("demo.staff");
        var response = await staff.GetAsync(url.Replace("{id}", id.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Liaison_SeesOnlyOwnUnit_InRowsAndTotals_WhateverTheUrlSays()
    {
        var own = UnitId("城关区政府办公室");
        var other = UnitId("滨江区政府办公室");
        var liaison = await factory.SignInAsync("demo.liaison");
        foreach (var url in new[] { $"/Submissions?unit={other}", $"/Submissions?unit={other}&p=2&sort=unit&desc=1", "/Submissions?status=Adopted" })
        {
            var page = await liaison.GetDocumentAsync(url);
            Assert.All(Rows(Ids(page, "submissions")), s => Assert.Equal(own, s.UnitId));
            Assert.Null(page.QuerySelector("select[name=unit]"));
        }
        var all = await liaison.GetDocumentAsync($"/Submissions?unit={other}");
        Assert.Equal(factory.Db(db => db.Set<Submission>().Count(s => s.UnitId == own)), Total(all));
    }

    [Fact]
    public async Task Leader_ReadsEveryUnitsItems_WithTheUnitFilter()
    {
        var other = UnitId("滨江区政府办公室");
        var leader = await factory.SignInAsync("demo.leader");
        Assert.Equal(factory.Db(db => db.Set<Submission>().Count()), Total(await leader.GetDocumentAsync("/Submissions")));
        var filtered = await leader.GetDocumentAsync($"/Submissions?unit={other}&sort=points&desc=1");
        Assert.All(Rows(Ids(filtered, "submissions")), s => Assert.Equal(other, s.UnitId));
        Assert.Equal(factory.Db(db => db.Set<Submission>().Count(s => s.UnitId == other)), Total(filtered));
    }

    [Fact]
    public async Task Queue_FiltersAndSorts_AndItsItemsCarryTheFilter()
    {
        var unit = UnitId("滨江区政府办公室");
        var staff = await factory.SignInAsync("demo.staff");
        var page = await staff.GetDocumentAsync($"/Submissions/Review?unit={unit}&category=Dynamic&sort=date&desc=1");
        var rows = Rows(Ids(page, "queue"));
        Assert.All(rows, s => Assert.True(s.Status == SubmissionStatus.Submitted && s.UnitId == unit && s.Category == SubmissionCategory.Dynamic));
        Assert.Equal(factory.Db(db => db.Set<Submission>().Count(s => s.Status == SubmissionStatus.Submitted && s.UnitId == unit && s.Category == SubmissionCategory.Dynamic)),
            Total(page, "#queue-count"));
        Assert.Equal(rows.OrderByDescending(s => s.SubmittedOn).ThenBy(s => s.Id).Select(s => s.Id), rows.Select(s => s.Id));
        var link = page.QuerySelector("#queue tbody a")?.GetAttribute("href");
        if (link is not null) Assert.EndsWith($"?unit={unit}&category=Dynamic&sort=date&desc=1", link);
    }

    [Fact]
    public async Task Decision_GoesToTheNextItemOfTheSameQueue_AndAfterTheLastBackToTheQueue()
    {
        var tag = "下一条" + Guid.NewGuid().ToString("N")[..6];
        var ids = NewItems(tag, 3);
        var carried = $"?q={Uri.EscapeDataString(tag)}";
        var staff = await factory.SignInAsync("demo.staff");

        var queue = await staff.GetDocumentAsync("/Submissions/Review" + carried);
        Assert.Equal(ids, Ids(queue, "queue"));
        var first = await staff.GetDocumentAsync($"/Submissions/Review/Item/{ids[0]}{carried}");
        Assert.Equal($"/Submissions/Review/Item/{ids[1]}{carried}", first.QuerySelector("#next-item")!.GetAttribute("href"));

        var declined = await staff.PostFormAsync($"/Submissions/Review/Item/{ids[0]}{carried}", new Dictionary<string, string>(), formSelector: "#decline-form");
        Assert.Equal($"/Submissions/Review/Item/{ids[1]}{carried}", declined.Headers.Location!.OriginalString);
        var second = await staff.GetDocumentAsync(declined.Headers.Location.OriginalString);
        Assert.Contains("已标记为未采用。已转到下一条", second.TextOf("#message"));

        // Sorted newest first, the next of the third item is the second.
        var reversed = carried + "&sort=date&desc=1";
        var third = await staff.PostFormAsync($"/Submissions/Review/Item/{ids[2]}{reversed}", new Dictionary<string, string>
        {
            ["adopt.Level"] = "City", ["adopt.AdoptedOn"] = "2025-03-10",
        }, formSelector: "#adopt-form");
        Assert.Equal($"/Submissions/Review/Item/{ids[1]}{reversed}", third.Headers.Location!.OriginalString);

        var last = await staff.PostFormAsync($"/Submissions/Review/Item/{ids[1]}{carried}", new Dictionary<string, string> { ["review.Comment"] = "请补充" },
            formSelector: "#return-form");
        Assert.Equal($"/Submissions/Review{carried}", last.Headers.Location!.OriginalString);
        var back = await staff.GetDocumentAsync(last.Headers.Location.OriginalString);
        Assert.Contains("该队列中已没有其他待审核的信息", back.TextOf("#message"));
        Assert.Empty(Ids(back, "queue"));
        Assert.Equal([SubmissionStatus.NotAdopted, SubmissionStatus.Returned, SubmissionStatus.Adopted],
            factory.Db(db => ids.Select(id => db.Set<Submission>().Single(s => s.Id == id).Status).ToList()));

        // A correction on a decided item stays on it.
        var instruction = await staff.PostFormAsync($"/Submissions/Review/Item/{ids[2]}{carried}", new Dictionary<string, string>
        {
            ["instruction.Leader"] = "市长", ["instruction.On"] = "2025-03-12",
        }, formSelector: "#instruction-form");
        Assert.Equal($"/Submissions/Review/Item/{ids[2]}{carried}", instruction.Headers.Location!.OriginalString);
    }
}
