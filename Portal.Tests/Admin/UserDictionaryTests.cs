using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Pages.Admin;
using Portal.Pages.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

public class UserDictionaryRulesTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", null)]
    [InlineData("督", null)]
    [InlineData("数智 督办", null)]
    [InlineData("数智督办！", null)]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", null)]
    [InlineData("数智督办", 0)]
    public void BadWords_GetAChineseReason(string? word, int? frequency) =>
        Assert.False(string.IsNullOrEmpty(UserDictionary.Validate(word, frequency)));

    [Fact]
    public void AGoodWord_Passes() => Assert.Null(UserDictionary.Validate("数智督办", 5000));

    [Fact]
    public void Snapshot_RoundTrips()
    {
        var snapshot = UserDictionary.Snapshot(new[] { new DictionaryWord { Word = "数智督办", Frequency = 9 }, new DictionaryWord { Word = "城关专班" } });
        Assert.Equal(new[] { new UserWord("城关专班", null), new UserWord("数智督办", 9) }, UserDictionary.Parse(snapshot));
    }
}

public class UserDictionaryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewWord = "数智督办";
    private const string Sentence = "全面推进数智督办平台建设";

    [Fact]
    public async Task AWord_TakesEffect_OnlyAfterTheIndexIsRebuilt_AndIsFoundAsAWholeWord()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var before = factory.Services.GetRequiredService<TextAnalysis>().Analyzer.Cut(Sentence).Select(t => t.Text).ToList();
        Assert.DoesNotContain(NewWord, before);

        var response = await admin.PostFormAsync("/Admin/Dictionary", new Dictionary<string, string> { ["Input.Word"] = NewWord, ["Input.Frequency"] = "" },
            action: "/Admin/Dictionary?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetDocumentAsync("/Admin/Dictionary");
        Assert.Contains(NewWord, page.TextOf("#words"));
        Assert.Contains("尚未重建索引", page.TextOf("#dictionary-pending"));
        Assert.Contains("重建索引后生效", page.TextOf("#dictionary-help"));
        // Not yet in use: the index was built without it.
        Assert.DoesNotContain(NewWord, factory.Services.GetRequiredService<TextAnalysis>().Analyzer.Cut(Sentence).Select(t => t.Text));

        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Portal.Pages.Library.DocumentService>().AddAsync(new[]
            {
                new Document { Title = "关于推进数智督办平台建设的通知", Body = Sentence + "。", DocType = "通知" },
            });
            return await sp.GetRequiredService<UserDictionaryService>().RebuildIndexAsync(sp.GetRequiredService<SearchIndexFollower>(), null);
        });

        var after = factory.Services.GetRequiredService<TextAnalysis>().Analyzer.Cut(Sentence).Select(t => t.Text).ToList();
        Assert.Contains(NewWord, after);
        page = await admin.GetDocumentAsync("/Admin/Dictionary");
        Assert.Null(page.QuerySelector("#dictionary-pending"));
        var results = await admin.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString(NewWord));
        Assert.Contains("数智督办平台", results.Body!.TextContent);

        // Another instance (its own analyzer) follows the recorded dictionary without a restart.
        var other = new TextAnalysis(ChineseAnalyzer.Default);
        var watcher = new UserDictionaryWatcher(other, factory.Services.GetRequiredService<PortalConnection>(), NullLogger<UserDictionaryWatcher>.Instance);
        Assert.True(watcher.Refresh());
        Assert.Contains(NewWord, other.Analyzer.Cut(Sentence).Select(t => t.Text));
        Assert.False(watcher.Refresh());
    }

    [Fact]
    public async Task ABadWord_IsRefusedWithAMessage_AndNothingIsAdded()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var count = factory.Db(db => db.Set<DictionaryWord>().Count());
        var response = await admin.PostFormAsync("/Admin/Dictionary", new Dictionary<string, string> { ["Input.Word"] = "<script>x</script>" },
            action: "/Admin/Dictionary?handler=Add");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.False(string.IsNullOrWhiteSpace(page.TextOf("#error")));
        Assert.Equal(count, factory.Db(db => db.Set<DictionaryWord>().Count()));
    }

    [Fact]
    public async Task OnlyAdministrators_ReachTheDictionary()
    {
        foreach (var user in new[] { "demo.staff", "demo.leader", "demo.liaison" })
        {
            var client = await factory.SignInAsync(user);
            var response = await client.GetAsync("/Admin/Dictionary");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
    }
}
