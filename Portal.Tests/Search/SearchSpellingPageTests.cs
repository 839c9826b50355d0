using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Pages.Library;
using Portal.Pages.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>您是不是要找 on the search page and 拼音 suggestions in the search box, each word one the user can find.</summary>
public class SearchSpellingPageTests(SearchPortalFactory factory) : IClassFixture<SearchPortalFactory>
{
    private static string Q(string q) => "/Search?q=" + Uri.EscapeDataString(q);

    private async Task SeedAsync()
    {
        var ids = await factory.SeedAsync();
        await factory.WithScopeAsync(async sp =>
        {
            var documents = sp.GetRequiredService<DocumentService>();
            if (!sp.GetRequiredService<PortalDbContext>().Documents.Any(d => d.Title == "督查督办工作规范"))
                await documents.AddAsync(
                [
                    new Document { Title = "督查督办工作规范", Body = "各单位要做好督查督办工作，按期办结。", DocType = "通知", DocDate = new DateOnly(2024, 8, 1) },
                    // 督查调研 occurs only here, in a document only 城关区 may read.
                    new Document { Title = "城关区内部情况", Body = "城关区督查调研发现的问题限期整改。", DocType = "报告", DocDate = new DateOnly(2024, 8, 2),
                        Visibility = DocumentVisibility.Restricted, Grants = { new DocumentGrant { UnitId = ids.UnitId } } },
                ]);
            await sp.GetRequiredService<SearchIndexFollower>().CatchUpAsync();
            return 0;
        });
    }

    [Fact]
    public async Task FewHits_OfferTheQueryWithTheSamePinyinWord_AsALinkThatRunsIt()
    {
        await SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var page = await client.GetDocumentAsync(Q("督查督半"));
        var link = page.QuerySelector("#did-you-mean a.did-you-mean")!;
        Assert.StartsWith("您是不是要找：", page.TextOf("#did-you-mean"));
        Assert.Equal("督查督办", link.TextContent.Trim());
        Assert.Equal(Q("督查督办"), link.GetAttribute("href"));

        var corrected = await client.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Contains(corrected.QuerySelectorAll(".result-title"), a => a.TextContent.Contains("督查督办工作规范"));
    }

    [Fact]
    public async Task Corrections_KeepTheOtherTermsAndFilters_AndAreEncoded()
    {
        await SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var page = await client.GetDocumentAsync(Q("督查督半 工作") + "&type=" + Uri.EscapeDataString("通知"));
        var link = page.QuerySelector("#did-you-mean a.did-you-mean")!;
        Assert.Equal("督查督办 工作", link.TextContent.Trim());
        Assert.Equal(Q("督查督办 工作") + "&type=" + Uri.EscapeDataString("通知"), link.GetAttribute("href"));

        var html = await (await client.GetAsync(Q("督查督半 <b>x</b>"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<b>x</b>", html);
    }

    [Fact]
    public async Task ManyHits_OfferNothing()
    {
        await SeedAsync();
        var client = await factory.SignInAsync("demo.admin");
        var page = await client.GetDocumentAsync(Q("通知"));
        Assert.True(page.QuerySelectorAll(".search-result").Length >= QueryCorrections.FewHits);
        Assert.Null(page.QuerySelector("#did-you-mean"));
    }

    [Fact]
    public async Task AWordOnlyARestrictedDocumentHolds_IsOfferedOnlyToItsUnit()
    {
        await SeedAsync();
        var other = await factory.SignInAsync("demo.liaison2");
        var page = await other.GetDocumentAsync(Q("督查调言"));
        Assert.DoesNotContain("督查调研", page.QuerySelector("#did-you-mean")?.TextContent ?? "");
        Assert.DoesNotContain("督查调研", await Suggestions(other, "dcdy"));

        var own = await factory.SignInAsync("demo.liaison");
        Assert.Equal("督查调研", (await own.GetDocumentAsync(Q("督查调言"))).QuerySelector("#did-you-mean a.did-you-mean")!.TextContent.Trim());
        Assert.Contains("督查调研", await Suggestions(own, "dcdy"));
    }

    [Fact]
    public async Task SearchBox_SuggestsWordsFromPinyinInitials()
    {
        await SeedAsync();
        var client = await factory.SignInAsync("demo.staff");
        var json = await client.GetStringAsync("/Search/Suggest?q=dcdb");
        var items = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Contains(items, s => s.GetProperty("text").GetString() == "督查督办" && s.GetProperty("kind").GetString() == "拼音");
    }

    private static async Task<List<string>> Suggestions(HttpClient client, string q) =>
        JsonDocument.Parse(await client.GetStringAsync("/Search/Suggest?q=" + Uri.EscapeDataString(q))).RootElement.EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "拼音").Select(s => s.GetProperty("text").GetString()!).ToList();
}
