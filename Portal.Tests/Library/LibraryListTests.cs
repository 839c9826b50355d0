using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Library;

/// <summary>The library list: server paging, filters (type, unit, year, keyword), sorting, and restricted documents kept out of rows and totals.</summary>
public class LibraryListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int PageSize = 20;

    private static List<int> Ids(IHtmlDocument page) =>
        page.QuerySelectorAll("#documents tbody tr[data-id]").Select(tr => int.Parse(tr.GetAttribute("data-id")!)).ToList();

    private static int Total(IHtmlDocument page) => int.Parse(page.TextOf("#total"));

    private List<Document> Listed() => factory.Db(db => db.Documents.AsNoTracking().Where(d => d.DuplicateOfId == null).ToList());

    /// <summary>A document restricted to one unit, dated, with a unique word in its title.</summary>
    private (int Id, int Unit, string Tag) Restricted(string unitName)
    {
        var tag = "受限" + Guid.NewGuid().ToString("N")[..6];
        return factory.Db(db =>
        {
            var unit = db.Units.Single(u => u.Name == unitName).Id;
            var doc = new Document
            {
                Title = $"（内部）{tag}通知", Body = "仅限本单位阅读。", DocType = "通知", ContentHash = Guid.NewGuid().ToString("N"),
                IssuingUnitId = unit, DocDate = new DateOnly(2024, 5, 6),
                Visibility = DocumentVisibility.Restricted, Grants = { new DocumentGrant { UnitId = unit } },
            };
            db.Documents.Add(doc);
            db.SaveChanges();
            return (doc.Id, unit, tag);
        });
    }

    [Theory]
    [InlineData("date", false)] [InlineData("date", true)] [InlineData("title", false)] [InlineData("title", true)]
    [InlineData("type", false)] [InlineData("type", true)] [InlineData("unit", false)] [InlineData("unit", true)]
    public async Task SortsByEachColumn_InTheDatabaseOrder(string key, bool desc)
    {
        var admin = await factory.SignInAsync("demo.admin");
        var page = await admin.GetDocumentAsync($"/Library?sort={key}" + (desc ? "&desc=1" : ""));
        var expected = factory.Db(db =>
        {
            var q = db.Documents.Where(d => d.DuplicateOfId == null);
            IOrderedQueryable<Document> o = key switch
            {
                "date" => desc ? q.OrderByDescending(d => d.DocDate) : q.OrderBy(d => d.DocDate),
                "title" => desc ? q.OrderByDescending(d => d.Title) : q.OrderBy(d => d.Title),
                "type" => desc ? q.OrderByDescending(d => d.DocType) : q.OrderBy(d => d.DocType),
                _ => desc ? q.OrderByDescending(d => d.IssuingUnit != null ? d.IssuingUnit.Name : d.IssuingUnitName)
                          : q.OrderBy(d => d.IssuingUnit != null ? d.IssuingUnit.Name : d.IssuingUnitName),
            };
            return o.ThenByDescending(d => d.Id).Select(d => d.Id).Take(PageSize).ToList();
        });
        Assert.Equal(expected, Ids(page));
    }

    [Fact]
    public async Task Pages_AndAPagePastTheEndShowsTheLastPage_KeepingTheFilters()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var total = Listed().Count;
        Assert.True(total > PageSize);
        var past = await admin.GetDocumentAsync("/Library?p=100000&sort=title");
        Assert.Equal(total % PageSize == 0 ? PageSize : total % PageSize, Ids(past).Count);
        Assert.Contains("sort=title", past.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(total, Total(past));
    }

    [Fact]
    public async Task FiltersByTypeUnitYearAndKeyword_AndCountsWhatItFilters()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var docs = Listed();
        async Task Check(string query, Func<Document, bool> rule)
        {
            var page = await admin.GetDocumentAsync("/Library?" + query);
            var ids = Ids(page);
            Assert.NotEmpty(ids);
            Assert.All(docs.Where(d => ids.Contains(d.Id)), d => Assert.True(rule(d), $"{query}: {d.Id}"));
            Assert.Equal(docs.Count(rule), Total(page));
        }
        var sample = docs.First(d => d.IssuingUnitId != null && d.DocDate != null);
        await Check($"type={Uri.EscapeDataString(sample.DocType)}", d => d.DocType == sample.DocType);
        await Check($"unit={sample.IssuingUnitId}", d => d.IssuingUnitId == sample.IssuingUnitId);
        await Check($"year={sample.DocDate!.Value.Year}", d => d.DocDate?.Year == sample.DocDate.Value.Year);
        var word = sample.Title[..Math.Min(4, sample.Title.Length)];
        await Check($"q={Uri.EscapeDataString(word)}", d => d.Title.Contains(word) || (d.DocNumber?.Contains(word) ?? false));
        await Check($"unit={sample.IssuingUnitId}&year={sample.DocDate.Value.Year}&type={Uri.EscapeDataString(sample.DocType)}",
            d => d.IssuingUnitId == sample.IssuingUnitId && d.DocDate?.Year == sample.DocDate.Value.Year && d.DocType == sample.DocType);
    }

    [Fact]
    public async Task RestrictedDocuments_AreNeitherListedNorCounted_ForOtherUnits_UnderAnyFilter()
    {
        var (id, unit, tag) = Restricted("城关区政府办公室");
        var other = await factory.SignInAsync("demo.liaison2");
        foreach (var url in new[] { $"/Library?q={tag}", $"/Library?unit={unit}&year=2024&type=通知&q={tag}", $"/Library?unit={unit}&sort=date&desc=1" })
        {
            var page = await other.GetDocumentAsync(url);
            Assert.DoesNotContain(id, Ids(page));
            Assert.DoesNotContain(tag, page.Body!.TextContent);
        }
        Assert.Equal(0, Total(await other.GetDocumentAsync($"/Library?q={tag}")));
        var own = await factory.SignInAsync("demo.liaison");
        var mine = await own.GetDocumentAsync($"/Library?unit={unit}&year=2024&q={tag}");
        Assert.Equal([id], Ids(mine));
        Assert.Equal(1, Total(mine));
    }

    [Fact]
    public async Task ADocumentOpenedFromTheList_LeadsBackToTheSameFilteredSortedPage()
    {
        var tag = "回链" + Guid.NewGuid().ToString("N")[..6];
        factory.Db(db =>
        {
            for (var n = 1; n <= PageSize + 3; n++)
                db.Documents.Add(new Document { Title = $"{tag}第{n:00}号通知", Body = "正文。", DocType = "通知", ContentHash = Guid.NewGuid().ToString("N") });
            return db.SaveChanges();
        });
        var staff = await factory.SignInAsync("demo.staff");
        var list = $"/Library?type={Uri.EscapeDataString("通知")}&q={Uri.EscapeDataString(tag)}&sort=title&desc=1&p=2";
        var second = await staff.GetDocumentAsync(list);
        Assert.Equal(3, Ids(second).Count);

        var link = second.QuerySelector("#documents tbody tr[data-id] a")!;
        Assert.Equal($"{tag}第03号通知", link.TextContent);
        var details = await staff.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Contains($"{tag}第03号通知", details.Body!.TextContent);
        var back = details.QuerySelector("#back-link")!;
        Assert.Equal("返回文档库", back.TextContent.Trim());
        Assert.Equal(list, back.GetAttribute("href"));
        Assert.Equal(Ids(second), Ids(await staff.GetDocumentAsync(back.GetAttribute("href")!)));
    }

    [Fact]
    public async Task TheUnfilteredList_LinksItsDocumentsWithoutAWayBack_TheDocumentPageLeadsToTheLibrary()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var href = (await staff.GetDocumentAsync("/Library")).QuerySelector("#documents tbody tr[data-id] a")!.GetAttribute("href")!;
        Assert.Matches(@"^/Library/Details/\d+$", href);
        Assert.Equal("/Library", (await staff.GetDocumentAsync(href)).QuerySelector("#back-link")!.GetAttribute("href"));
    }
}
