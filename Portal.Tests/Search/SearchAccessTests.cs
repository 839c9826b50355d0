using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>
/// A restricted document (城关区 only) never shows for anyone else: not in results, counts, facets, snippets,
/// suggestions, similar documents or the API.
/// </summary>
public class SearchAccessTests(SearchPortalFactory factory) : IClassFixture<SearchPortalFactory>
{
    private const string Secret = "涉密载体 机要室";

    [Theory]
    [InlineData("demo.liaison2")]
    [InlineData("demo.leader")]
    [InlineData("demo.staff")]
    public async Task Results_Counts_Facets_Snippets_HideIt(string user)
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync(user);
        var html = await client.GetStringAsync("/Search?q=" + Uri.EscapeDataString(Secret));
        var page = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString(Secret));
        Assert.DoesNotContain(page.QuerySelectorAll(".search-result"), r => r.GetAttribute("data-id") == ids.Restricted.ToString());
        Assert.Equal(1, int.Parse(Regex.Match(page.TextOf("#search-summary"), @"\d+").Value));
        // A facet with no value left is not shown at all.
        var facets = page.QuerySelector("#facets")?.TextContent ?? "";
        Assert.DoesNotContain("纪要", facets);
        Assert.DoesNotContain("机要保密专班", facets);
        Assert.DoesNotContain("2019", facets);
        Assert.DoesNotContain("限期整改", html);
        Assert.DoesNotContain("城关区保密检查纪要", html);
    }

    [Theory]
    [InlineData("demo.liaison")]
    [InlineData("demo.admin")]
    public async Task Results_ShowIt_ToTheGrantedUnitAndAdmin(string user)
    {
        var ids = await factory.SeedAsync();
        var client = await factory.SignInAsync(user);
        var page = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString(Secret));
        Assert.Contains(page.QuerySelectorAll(".search-result"), r => r.GetAttribute("data-id") == ids.Restricted.ToString());
        Assert.Equal(2, int.Parse(Regex.Match(page.TextOf("#search-summary"), @"\d+").Value));
        Assert.Contains("纪要", page.TextOf("#facet-type"));
        Assert.Contains("限期整改", page.TextOf("#results"));
    }

    [Fact]
    public async Task FilterOnlySearch_HidesIt()
    {
        var ids = await factory.SeedAsync();
        var other = await factory.SignInAsync("demo.liaison2");
        var page = await other.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("类型:纪要"));
        Assert.DoesNotContain(page.QuerySelectorAll(".search-result"), r => r.GetAttribute("data-id") == ids.Restricted.ToString());
        var own = await factory.SignInAsync("demo.liaison");
        page = await own.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("类型:纪要"));
        Assert.Contains(page.QuerySelectorAll(".search-result"), r => r.GetAttribute("data-id") == ids.Restricted.ToString());
    }

    [Fact]
    public async Task Api_HidesIt()
    {
        var ids = await factory.SeedAsync();
        var other = await factory.SignInAsync("demo.liaison2");
        var json = JsonDocument.Parse(await other.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(Secret))).RootElement;
        Assert.Equal(1, json.GetProperty("total").GetInt32());
        Assert.DoesNotContain(json.GetProperty("hits").EnumerateArray(), h => h.GetProperty("id").GetInt32() == ids.Restricted);
        Assert.DoesNotContain(json.GetProperty("facets").GetProperty("types").EnumerateArray(), t => t.GetProperty("value").GetString() == "纪要");

        var own = await factory.SignInAsync("demo.liaison");
        json = JsonDocument.Parse(await own.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(Secret))).RootElement;
        Assert.Contains(json.GetProperty("hits").EnumerateArray(), h => h.GetProperty("id").GetInt32() == ids.Restricted);
    }

    [Fact]
    public async Task Suggestions_HideIt()
    {
        var ids = await factory.SeedAsync();
        var other = await factory.SignInAsync("demo.liaison2");
        var text = await other.GetStringAsync("/Search/Suggest?q=" + Uri.EscapeDataString("城关区保密"));
        Assert.DoesNotContain("城关区保密检查纪要", text);
        var own = await factory.SignInAsync("demo.liaison");
        text = await own.GetStringAsync("/Search/Suggest?q=" + Uri.EscapeDataString("城关区保密"));
        Assert.Contains("城关区保密检查纪要", text);
        Assert.NotEqual(0, ids.Restricted);
    }

    [Fact]
    public async Task SuggestedTerms_OnlyFromVisibleDocuments()
    {
        await factory.SeedAsync();
        var other = await factory.SignInAsync("demo.liaison2");
        // 专班 occurs only in the restricted document's issuer, never in a visible text.
        var json = JsonDocument.Parse(await other.GetStringAsync("/Search/Suggest?q=" + Uri.EscapeDataString("限期"))).RootElement;
        Assert.DoesNotContain(json.EnumerateArray(), i => i.GetProperty("text").GetString()!.StartsWith("限期"));
    }

    [Fact]
    public async Task SimilarDocuments_HideIt()
    {
        var ids = await factory.SeedAsync();
        var other = await factory.SignInAsync("demo.liaison2");
        var page = await other.GetDocumentAsync($"/Library/Details/{ids.SimilarPublic}");
        Assert.DoesNotContain(page.QuerySelectorAll("#similar-documents a"), a => a.GetAttribute("href") == $"/Library/Details/{ids.Restricted}");
        var own = await factory.SignInAsync("demo.liaison");
        page = await own.GetDocumentAsync($"/Library/Details/{ids.SimilarPublic}");
        Assert.Contains(page.QuerySelectorAll("#similar-documents a"), a => a.GetAttribute("href") == $"/Library/Details/{ids.Restricted}");
    }
}
