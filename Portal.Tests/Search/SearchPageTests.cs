using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

public class SearchPageTests(SearchPortalFactory factory) : IClassFixture<SearchPortalFactory>
{
    private static string Q(string q) => "/Search?q=" + Uri.EscapeDataString(q);

    private static List<int> ResultIds(IDocument page) =>
        page.QuerySelectorAll(".search-result").Select(li => int.Parse(li.GetAttribute("data-id")!)).ToList();

    private static int Total(IDocument page) => int.Parse(Regex.Match(page.TextOf("#search-summary"), @"\d+").Value);

    [Fact]
    public async Task Results_ShowTotal_Time_AndMarkedSnippets()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var page = await client.GetDocumentAsync(Q("防汛 演练"));
        Assert.Contains("找到", page.TextOf("#search-summary"));
        Assert.Contains("毫秒", page.TextOf("#search-summary"));
        Assert.Equal(ids.Public, ResultIds(page)[0]);
        var snippet = page.QuerySelector(".search-result .snippet")!;
        Assert.Contains(snippet.QuerySelectorAll("mark"), m => m.TextContent.Contains("演练"));
        Assert.Equal("来源文件：演练通知.docx", page.QuerySelector(".search-result .result-source")!.TextContent.Trim());
        var search = Q("防汛 演练");
        Assert.Equal($"/Library/Details/{ids.Public}?q={Uri.EscapeDataString("防汛 演练")}&back={Uri.EscapeDataString(search)}",
            page.QuerySelector(".result-title")!.GetAttribute("href"));
    }

    [Fact]
    public async Task DocumentPage_LeadsBackToTheSameSearch_AndPrints()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        // The query, a filter and the order are kept in the way back (the page too, when it is not the first).
        var search = Q("防汛 演练") + "&type=" + Uri.EscapeDataString("通知") + "&sort=date";
        var results = await client.GetDocumentAsync(search);
        var href = results.QuerySelectorAll(".result-title").Select(a => a.GetAttribute("href")!).First(h => h.StartsWith($"/Library/Details/{ids.Public}?"));
        var details = await client.GetDocumentAsync(href);
        var back = details.QuerySelector("#back-link")!;
        Assert.Equal("返回检索结果", back.TextContent.Trim());
        Assert.Equal(search, back.GetAttribute("href"));
        Assert.Equal("打印", details.TextOf("#print-button"));
        Assert.True(details.QuerySelector("#print-button")!.HasAttribute("data-print"));
        Assert.Contains("no-print", details.QuerySelector("#doc-actions")!.ClassList);
    }

    [Theory]
    [InlineData("https://evil.example/Search?q=1")]
    [InlineData("//evil.example/Search")]
    [InlineData("/\\evil.example/Search")]
    [InlineData("/Searchx?q=1")]
    [InlineData("/Account/Logout")]
    [InlineData("javascript:alert(1)")]
    public async Task DocumentPage_BackLink_OnlyLeadsToThePortalsLists(string back)
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var details = await client.GetDocumentAsync($"/Library/Details/{ids.Public}?back={Uri.EscapeDataString(back)}");
        Assert.Equal("/Library", details.QuerySelector("#back-link")!.GetAttribute("href"));
        Assert.Equal("返回文档库", details.TextOf("#back-link"));
    }

    [Fact]
    public async Task NothingFound_ShowsNoFacetBox_AndShownFacetsAlwaysHaveValues()
    {
        await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var none = await client.GetDocumentAsync(Q("防汛 量子纠缠"));
        Assert.NotNull(none.QuerySelector("#no-results"));
        Assert.Null(none.QuerySelector("#facets"));
        Assert.Null(none.QuerySelector("[id^=facet-]"));

        var some = await client.GetDocumentAsync(Q("防汛 演练"));
        var facets = some.QuerySelectorAll("#facets > div[id^=facet-]");
        Assert.NotEmpty(facets);
        Assert.All(facets, f => Assert.True(f.QuerySelector(".facet-link, .facet-active") is not null, f.Id));
    }

    [Fact]
    public async Task SimplifiedQuery_FindsTraditionalText_AndMarksTheOriginalCharacters()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var page = await client.GetDocumentAsync(Q("督办 列席"));
        var item = page.QuerySelectorAll(".search-result").Single(li => li.GetAttribute("data-id") == ids.Traditional.ToString());
        Assert.Contains(item.QuerySelectorAll(".snippet mark"), m => m.TextContent.StartsWith("督辦"));
        Assert.Contains(item.QuerySelectorAll(".snippet mark"), m => m.TextContent == "列席");

        var details = await client.GetDocumentAsync($"/Library/Details/{ids.Traditional}?q=" + Uri.EscapeDataString("督办 讲话"));
        Assert.Contains(details.QuerySelectorAll("#doc-body mark"), m => m.TextContent.StartsWith("督辦"));
        Assert.Contains(details.QuerySelectorAll("#doc-title mark"), m => m.TextContent == "講話");
    }

    [Fact]
    public async Task TraditionalAndFullWidthQuery_FoldLikeDocuments()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        Assert.Contains(ids.Public, ResultIds(await client.GetDocumentAsync(Q("演練"))));
        Assert.Contains(ids.Traditional, ResultIds(await client.GetDocumentAsync(Q("督办 列席"))));
        Assert.Contains(ids.Traditional, ResultIds(await client.GetDocumentAsync(Q("“督辦室” 列席"))));
        Assert.Contains(ids.Traditional, ResultIds(await client.GetDocumentAsync(Q("ｌｉｅｘｉ OR 列席"))));
    }

    [Fact]
    public async Task Snippets_AreHtmlEncoded()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.GetAsync(Q("防汛 值守"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>不要</b>", html);
        var page = await client.GetDocumentAsync(Q("防汛 值守"));
        var item = page.QuerySelectorAll(".search-result").Single(li => li.GetAttribute("data-id") == ids.Script.ToString());
        Assert.Contains("<b>不要</b>", item.QuerySelector(".snippet")!.TextContent);
        Assert.Empty(item.QuerySelectorAll(".snippet b"));
    }

    [Fact]
    public async Task Facets_CountAndNarrow_TypeUnitYear()
    {
        await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.admin");
        // A word of the demo documents, not of the demo submissions (every one of which says 督办): facets count exactly
        // only below the engine's candidate cap.
        var page = await client.GetDocumentAsync(Q("督查"));
        Assert.DoesNotContain("超过", page.TextOf("#search-summary"));
        var total = Total(page);
        foreach (var facet in new[] { "#facet-type", "#facet-unit", "#facet-year" })
        {
            var links = page.QuerySelectorAll($"{facet} li");
            Assert.NotEmpty(links);
            var first = links[0];
            var count = int.Parse(first.QuerySelector(".facet-count")!.TextContent.Trim('(', ')'));
            Assert.True(count <= total);
            var narrowed = await client.GetDocumentAsync(first.QuerySelector("a")!.GetAttribute("href")!);
            Assert.Equal(count, Total(narrowed));
            Assert.NotNull(narrowed.QuerySelector($"{facet} .facet-active"));
            var value = first.QuerySelector("a")!.TextContent.Trim();
            Assert.All(narrowed.QuerySelectorAll(".search-result"), r => Assert.Contains(value, r.QuerySelector(".result-meta")!.TextContent));
        }
    }

    [Fact]
    public async Task QueryFilters_AndDateRange_Narrow()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var byType = await client.GetDocumentAsync(Q("督办 类型:讲话"));
        Assert.All(byType.QuerySelectorAll(".search-result .result-meta"), s => Assert.StartsWith("讲话", s.TextContent.Trim()));
        Assert.Contains(ids.Traditional, ResultIds(byType));
        Assert.Equal([ids.Traditional], ResultIds(await client.GetDocumentAsync(Q("督办 年份:2022"))));
        var byUnit = await client.GetDocumentAsync(Q("督办 单位:城关区"));
        Assert.All(byUnit.QuerySelectorAll(".search-result .result-meta"), s => Assert.Contains("城关区", s.TextContent));
        var range = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("防汛") + "&from=2024-06-01&to=2024-06-30");
        Assert.Equal([ids.Public], ResultIds(range));
    }

    [Fact]
    public async Task SortByDate_NewestFirst_AndPaging()
    {
        await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.admin");
        var page1 = await client.GetDocumentAsync(Q("工作") + "&sort=date");
        var dates = page1.QuerySelectorAll(".search-result .result-meta")
            .Select(s => Regex.Match(s.TextContent, @"\d{4}-\d{2}-\d{2}").Value).Where(d => d.Length > 0).ToList();
        Assert.True(dates.Count > 2);
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);
        Assert.True(Total(page1) > 10);
        Assert.NotNull(page1.QuerySelector("#pager"));
        var page2 = await client.GetDocumentAsync(Q("工作") + "&sort=date&page=2");
        Assert.Empty(ResultIds(page1).Intersect(ResultIds(page2)));
        Assert.NotEmpty(ResultIds(page2));
    }

    [Fact]
    public async Task NoResults_SuggestsALooserSearch()
    {
        await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var page = await client.GetDocumentAsync(Q("防汛 演练 -预案"));
        Assert.NotNull(page.QuerySelector("#no-results"));
        var looser = page.QuerySelector("#looser-search")!;
        var loose = await client.GetDocumentAsync(looser.GetAttribute("href")!);
        Assert.NotEmpty(ResultIds(loose));
    }

    public static IEnumerable<object[]> BadInputs() => new[]
    {
        "\"督办", "督办\"", "OR", "-", "- OR", "*", "督办*", "title:督办", "^督办", "NEAR(督办 信息)", "(督办", "督办)",
        "{title}:督办", "😀😀", "督办😀", "\u0001督办\u0002", "类型:", "年份:二〇二四", "\"\"", "AND OR NOT", "'; DROP TABLE Documents;--",
        new string('督', 10_000), string.Concat(Enumerable.Repeat("\"( * OR - ", 1000)),
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task AnyInput_GivesAPage_NeverAnError(string q)
    {
        await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.GetAsync(Q(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("fts5", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SQLite", html);
        var api = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task BadDatesAndPages_InTheAddress_AreIgnored()
    {
        await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Search?q=督办&from=notadate&year=abc&page=-5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Search?q=督办&page=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/search?q=督办&from=notadate")).StatusCode);
    }

    [Fact]
    public async Task OnlyPunctuation_GivesAChineseMessage()
    {
        await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var page = await client.GetDocumentAsync(Q("？！。😀"));
        Assert.Contains("没有可检索的词", page.TextOf("#search-message"));
    }

    [Fact]
    public async Task Suggest_ReturnsTitlesAndTerms()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        async Task<List<JsonElement>> SuggestAsync(string q) =>
            JsonDocument.Parse(await client.GetStringAsync("/Search/Suggest?q=" + Uri.EscapeDataString(q))).RootElement.EnumerateArray().ToList();
        // Titles rank by how well they match (dozens of the demo's information items mention 防汛 too).
        Assert.Contains(await SuggestAsync("开展防汛应急演练"), i => i.GetProperty("kind").GetString() == "title"
            && i.GetProperty("id").GetInt32() == ids.Public && i.GetProperty("url").GetString() == $"/Library/Details/{ids.Public}");
        Assert.Contains(await SuggestAsync("防汛"), i => i.GetProperty("kind").GetString() == "term");
    }

    [Fact]
    public async Task Api_AnswersJson_WithTheSameParameters()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("防汛 演练") + "&type=通知&size=5"));
        var root = json.RootElement;
        Assert.True(root.GetProperty("total").GetInt32() >= 1);
        var hit = root.GetProperty("hits")[0];
        Assert.Equal(ids.Public, hit.GetProperty("id").GetInt32());
        Assert.Equal("演练通知.docx", hit.GetProperty("source").GetString());
        Assert.Equal("通知", hit.GetProperty("type").GetString());
        Assert.Equal("2024-06-01", hit.GetProperty("date").GetString());
        Assert.Contains("<mark>", hit.GetProperty("snippet").GetString());
        Assert.True(root.GetProperty("facets").GetProperty("types").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task Api_RequiresSignIn()
    {
        var response = await factory.CreatePlainClient().GetAsync("/api/search?q=督办");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task DocumentPage_ListsSimilarDocuments()
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync("demo.admin");
        var page = await client.GetDocumentAsync($"/Library/Details/{ids.SimilarPublic}");
        Assert.Contains(page.QuerySelectorAll("#similar-documents a"), a => a.GetAttribute("href") == $"/Library/Details/{ids.Restricted}");
    }
}
