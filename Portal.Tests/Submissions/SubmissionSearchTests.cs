using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Excel;
using Portal.Pages.Library;
using Portal.Pages.Search;
using Portal.Pages.Submissions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Submissions;

/// <summary>
/// Information items are found by the portal's search as their own type (信息报送), by their own unit and the office
/// staff only — never by another unit, in results, totals, facets, suggestions, the API or similar documents.
/// </summary>
public class SubmissionSearchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OwnUnit = "城关区政府办公室";     // demo.liaison
    private const string OtherUnit = "滨江区政府办公室";   // demo.liaison2

    private static string Q(string q) => "/Search?q=" + Uri.EscapeDataString(q);

    private static List<string> Links(IDocument page) =>
        page.QuerySelectorAll(".search-result .result-title").Select(a => a.GetAttribute("href")!).ToList();

    private static int Total(IDocument page) => int.Parse(Regex.Match(page.TextOf("#search-summary"), @"\d+").Value);

    private static List<string> Facet(IDocument page, string id) =>
        page.QuerySelectorAll($"#{id} .facet-link").Select(a => a.TextContent.Trim()).ToList();

    private Task<IReadOnlyList<string>> VerifyIndexAsync() =>
        factory.WithScopeAsync(sp => sp.GetServices<IVerifyCheck>().Single(c => c is SearchIndexCheck).RunAsync());

    /// <summary>The liaison's own create form; returns the new item's id.</summary>
    private static async Task<int> SubmitAsync(HttpClient liaison, string title, string body)
    {
        var response = await liaison.PostFormAsync("/Submissions/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = "2026-03-18", ["Input.Body"] = body,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    /// <summary>Words are checked absent first, so "nothing found" later means the access rule, not an empty corpus.</summary>
    private async Task AssertNowhereAsync(string q)
    {
        var admin = await factory.SignInAsync("demo.admin");
        Assert.Equal(0, Total(await admin.GetDocumentAsync(Q(q))));
    }

    [Fact]
    public async Task OwnUnit_Staff_AndLeaders_FindTheItem_OtherUnit_SeesNoTraceOfIt()
    {
        await AssertNowhereAsync("猕猴桃冷链");
        var liaison = await factory.SignInAsync("demo.liaison");
        var id = await SubmitAsync(liaison, "城关区猕猴桃冷链物流试点", "城关区建成猕猴桃冷链物流中心，果农损耗率明显下降。");
        var url = $"/Submissions/Details/{id}";

        // The submitting unit: a result of its own type, with unit, date, a marked snippet from the body, a link to the item.
        var page = await liaison.GetDocumentAsync(Q("猕猴桃冷链"));
        Assert.Equal(1, Total(page));
        Assert.Equal([url], Links(page));
        var meta = page.TextOf(".search-result .result-meta");
        Assert.Contains(SubmissionSearchSource.DocType, meta);
        Assert.Contains(OwnUnit, meta);
        Assert.Contains("2026-03-18", meta);
        Assert.Contains(page.QuerySelectorAll(".search-result .snippet mark"), m => m.TextContent.Contains("猕猴桃"));
        Assert.Contains("果农损耗率", page.TextOf(".search-result .snippet"));
        Assert.Contains(SubmissionSearchSource.DocType, Facet(page, "facet-type"));
        Assert.Equal(HttpStatusCode.OK, (await liaison.GetAsync(url)).StatusCode);

        // Leaders read every unit's items (SubmissionService.Visible), so they find them too, and may open them.
        foreach (var reader in new[] { "demo.staff", "demo.admin", "demo.leader" })
        {
            var client = await factory.SignInAsync(reader);
            Assert.Equal([url], Links(await client.GetDocumentAsync(Q("猕猴桃冷链"))));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }

        // Another unit's liaison: nothing anywhere.
        foreach (var reader in new[] { "demo.liaison2" })
        {
            var client = await factory.SignInAsync(reader);
            var other = await client.GetDocumentAsync(Q("猕猴桃冷链"));
            Assert.Equal(0, Total(other));
            Assert.Empty(Links(other));
            Assert.Empty(Facet(other, "facet-type"));
            Assert.Empty(Facet(other, "facet-unit"));
            Assert.DoesNotContain("猕猴桃", other.QuerySelector("#results")!.TextContent);

            var api = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("猕猴桃冷链"))).RootElement;
            Assert.Equal(0, api.GetProperty("total").GetInt32());
            Assert.Equal(0, api.GetProperty("hits").GetArrayLength());
            Assert.Equal(0, api.GetProperty("facets").GetProperty("types").GetArrayLength());
            Assert.Equal(0, api.GetProperty("facets").GetProperty("units").GetArrayLength());

            var suggestions = await client.GetStringAsync("/Search/Suggest?q=" + Uri.EscapeDataString("猕猴桃"));
            Assert.DoesNotContain("猕猴桃", suggestions);
            Assert.DoesNotContain(url, suggestions);
        }
    }

    [Fact]
    public async Task Api_AndSuggestions_LinkToTheItem()
    {
        await AssertNowhereAsync("蓝莓基地");
        var liaison = await factory.SignInAsync("demo.liaison");
        var id = await SubmitAsync(liaison, "城关区蓝莓基地带动农户增收", "全区蓝莓基地新增种植面积三百亩。");

        var api = JsonDocument.Parse(await liaison.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("蓝莓基地"))).RootElement;
        Assert.Equal(1, api.GetProperty("total").GetInt32());
        var hit = api.GetProperty("hits")[0];
        Assert.Equal($"/Submissions/Details/{id}", hit.GetProperty("url").GetString());
        Assert.Equal(SubmissionSearchSource.DocType, hit.GetProperty("type").GetString());
        Assert.Equal(OwnUnit, hit.GetProperty("unit").GetString());
        Assert.Equal("2026-03-18", hit.GetProperty("date").GetString());
        Assert.Contains("<mark>", hit.GetProperty("snippet").GetString());
        Assert.Contains(api.GetProperty("facets").GetProperty("types").EnumerateArray(),
            f => f.GetProperty("value").GetString() == SubmissionSearchSource.DocType && f.GetProperty("count").GetInt32() == 1);

        var suggestions = JsonDocument.Parse(await liaison.GetStringAsync("/Search/Suggest?q=" + Uri.EscapeDataString("蓝莓"))).RootElement;
        Assert.Contains(suggestions.EnumerateArray(), s => s.GetProperty("kind").GetString() == "title"
            && s.GetProperty("url").GetString() == $"/Submissions/Details/{id}");
    }

    [Fact]
    public async Task TypeFilter_GivesAUnitOnlyItsOwnItems()
    {
        var otherUnit = factory.Db(db => db.Units.Single(u => u.Name == OtherUnit).Id);
        var client = await factory.SignInAsync("demo.liaison2");
        var page = await client.GetDocumentAsync("/Search?type=" + Uri.EscapeDataString(SubmissionSearchSource.DocType) + "&sort=date");
        var ids = Links(page).Select(l => int.Parse(l.Split('/').Last())).ToList();
        Assert.NotEmpty(ids);
        Assert.All(Links(page), l => Assert.StartsWith("/Submissions/Details/", l));
        Assert.True(factory.Db(db => db.Set<Submission>().Where(s => ids.Contains(s.Id)).All(s => s.UnitId == otherUnit)));
        Assert.Equal(factory.Db(db => db.Set<Submission>().Count(s => s.UnitId == otherUnit)), Total(page));
        Assert.Equal([OtherUnit], Facet(page, "facet-unit"));
    }

    [Fact]
    public async Task Edit_ReindexesTheItem()
    {
        await AssertNowhereAsync("秸秆综合利用");
        await AssertNowhereAsync("光伏扶贫电站");
        var liaison = await factory.SignInAsync("demo.liaison");
        var id = await SubmitAsync(liaison, "城关区推进秸秆综合利用", "秸秆综合利用率达到九成。");
        var url = $"/Submissions/Details/{id}";

        var edited = await liaison.PostFormAsync($"/Submissions/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "城关区光伏扶贫电站并网发电", ["Input.Category"] = "Economy", ["Input.SubmittedOn"] = "2026-04-02",
            ["Input.Body"] = "光伏扶贫电站全部并网，村集体年增收二十万元。",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        Assert.Empty(Links(await liaison.GetDocumentAsync(Q("秸秆综合利用"))));
        var page = await liaison.GetDocumentAsync(Q("光伏扶贫电站"));
        Assert.Equal([url], Links(page));
        Assert.Contains("2026-04-02", page.TextOf(".search-result .result-meta"));
        Assert.Contains("村集体年增收", page.TextOf(".search-result .snippet"));
        Assert.Empty(Links(await (await factory.SignInAsync("demo.liaison2")).GetDocumentAsync(Q("光伏扶贫电站"))));
    }

    [Fact]
    public async Task SimilarDocuments_ShowTheItem_OnlyToThoseWhoMaySeeIt()
    {
        await AssertNowhereAsync("湿地公园候鸟");
        var liaison = await factory.SignInAsync("demo.liaison");
        var id = await SubmitAsync(liaison, "城关区湿地公园候鸟保护见成效", "湿地公园候鸟监测站记录候鸟数量创新高，候鸟栖息地保护持续加强。");
        var doc = new Portal.Data.Document
        {
            Title = "关于加强湿地公园候鸟保护的通知", Body = "各单位要加强湿地公园候鸟栖息地保护，做好候鸟监测。", DocType = "通知",
            DocDate = new DateOnly(2026, 3, 1),
        };
        await factory.WithScopeAsync(async sp => { await sp.GetRequiredService<DocumentService>().AddAsync([doc]); return 0; });

        var link = $"a[href='/Submissions/Details/{id}']";
        Assert.NotNull((await liaison.GetDocumentAsync($"/Library/Details/{doc.Id}")).QuerySelector("#similar-documents " + link));
        var other = await (await factory.SignInAsync("demo.liaison2")).GetDocumentAsync($"/Library/Details/{doc.Id}");
        Assert.Null(other.QuerySelector(link));
    }

    [Fact]
    public async Task Verify_FindsItemsMissingFromTheIndex_Reconcile_AndReindex_RepairIt()
    {
        await AssertNowhereAsync("古树名木挂牌");
        var unit = factory.Db(db => db.Units.Single(u => u.Name == OwnUnit).Id);
        // Written around the service (a raw import, a crash between writes): verify must notice.
        var id = factory.Db(db =>
        {
            var s = new Submission(unit, "绕过索引写入的信息", "古树名木挂牌保护全面完成。", SubmissionCategory.Dynamic, new DateOnly(2026, 2, 3), "test", DateTime.UtcNow);
            db.Add(s);
            db.SaveChanges();
            return s.Id;
        });
        Assert.Contains(await VerifyIndexAsync(), p => p.Contains("报送信息未建索引") && p.Contains($"#{id}"));

        await factory.Services.GetRequiredService<SearchIndexFollower>().RebuildAsync();
        Assert.Empty(await VerifyIndexAsync());
        var staff = await factory.SignInAsync("demo.staff");
        Assert.Equal([$"/Submissions/Details/{id}"], Links(await staff.GetDocumentAsync(Q("古树名木挂牌"))));

        // A row deleted around the service leaves an index entry without its item.
        factory.Db(db => db.Set<Submission>().Where(s => s.Id == id).ExecuteDelete());
        Assert.Contains(await VerifyIndexAsync(), p => p.Contains("报送信息已不存在") && p.Contains($"#{id}"));

        var progress = new List<SearchIndexProgress>();
        var done = await factory.Services.GetRequiredService<SearchIndexFollower>().RebuildAsync(progress.Add);
        var expected = factory.Db(db => db.Documents.Count(d => d.DuplicateOfId == null) + db.Set<Submission>().Count());
        Assert.Equal(expected, done);
        Assert.Equal((expected, expected), (progress[^1].Done, progress[^1].Total));
        Assert.Empty(await VerifyIndexAsync());
        Assert.Empty(Links(await staff.GetDocumentAsync(Q("古树名木挂牌"))));
        Assert.NotEmpty(Links(await staff.GetDocumentAsync("/Search?type=" + Uri.EscapeDataString(SubmissionSearchSource.DocType))));
    }

    private static byte[] Ledger(params (string Unit, string Title, string Status, string? Body)[] rows)
    {
        var columns = new[] { "序号", "报送单位", "标题", "信息类别", "报送日期", "状态", "正文" }.Select(h => new ExcelColumn(h)).ToList();
        var sheet = new ExcelSheet("台账", columns) { Title = "政务信息报送台账" };
        var n = 0;
        foreach (var r in rows) sheet.AddRow((++n).ToString(), r.Unit, r.Title, "动态信息", "2026-05-06", r.Status, r.Body);
        return ExcelWriter.ToBytes(sheet);
    }

    [Fact]
    public async Task LedgerImport_IndexesEveryItem_AndAFailedImport_IndexesNothing()
    {
        await AssertNowhereAsync("萤火虫观测");
        await AssertNowhereAsync("竹编非遗工坊");
        var staff = await factory.SignInAsync("demo.staff");

        // One bad row: nothing is added, so nothing can be found.
        var failed = await (await SubmissionExcelTests.UploadAsync(staff, Ledger(
            (OwnUnit, "城关区开展萤火虫观测活动", "已报送", "萤火虫观测点吸引游客。"),
            ("不存在的单位", "无效的一行", "已报送", null)))).ReadDocumentAsync();
        Assert.NotNull(failed.QuerySelector("#import-errors"));
        Assert.Empty(Links(await staff.GetDocumentAsync(Q("萤火虫观测"))));
        Assert.Empty(await VerifyIndexAsync());

        var imported = await (await SubmissionExcelTests.UploadAsync(staff, Ledger(
            (OwnUnit, "城关区开展萤火虫观测活动", "已报送", "萤火虫观测点吸引游客。"),
            (OtherUnit, "滨江区竹编非遗工坊开业", "已退回", "竹编非遗工坊带动就业。")))).ReadDocumentAsync();
        Assert.Contains("共 2 条", imported.TextOf("#import-success"));
        Assert.Empty(await VerifyIndexAsync());

        var fireflies = $"/Submissions/Details/{factory.Db(db => db.Set<Submission>().Single(s => s.Title == "城关区开展萤火虫观测活动").Id)}";
        var bamboo = $"/Submissions/Details/{factory.Db(db => db.Set<Submission>().Single(s => s.Title == "滨江区竹编非遗工坊开业").Id)}";
        Assert.Equal([fireflies], Links(await staff.GetDocumentAsync(Q("萤火虫观测"))));
        Assert.Equal([bamboo], Links(await staff.GetDocumentAsync(Q("竹编非遗工坊"))));

        // Each imported item keeps its unit's visibility, a returned one too.
        var own = await factory.SignInAsync("demo.liaison");
        var other = await factory.SignInAsync("demo.liaison2");
        Assert.Equal([fireflies], Links(await own.GetDocumentAsync(Q("萤火虫观测"))));
        Assert.Empty(Links(await own.GetDocumentAsync(Q("竹编非遗工坊"))));
        Assert.Equal([bamboo], Links(await other.GetDocumentAsync(Q("竹编非遗工坊"))));
        Assert.Empty(Links(await other.GetDocumentAsync(Q("萤火虫观测"))));
    }

    [Fact]
    public void DemoItems_AreIndexed()
    {
        using var scope = factory.Services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        var o = search.Search(new SearchInput { Type = SubmissionSearchSource.DocType }, Portal.Indexing.Search.SearchAccess.Everything);
        Assert.True(o.Results.Total > 100, $"{o.Results.Total} demo items indexed");
        Assert.All(o.Items, i => Assert.StartsWith("/Submissions/Details/", i.Url()));
    }
}
