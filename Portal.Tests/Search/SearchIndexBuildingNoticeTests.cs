using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Indexing.Search;
using Portal.Pages.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>
/// A new instance builds its index in the background once there is more to build than <c>Search:StartupInline</c>: the
/// search page meanwhile answers from what is built and says 索引正在建立（已完成 N/M），结果可能不完整; the notice goes
/// when the build is done. A source whose rows wait on a gate holds the build half-way for as long as the test needs.
/// </summary>
public class SearchIndexBuildingNoticeTests(SearchIndexBuildingNoticeTests.Factory factory) : IClassFixture<SearchIndexBuildingNoticeTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        public GatedSource Gated { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Search:StartupInline"] = "0" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<ISearchSource>(Gated));
        }
    }

    /// <summary>Two entries that load only once <see cref="Open"/> is completed (the build waits on them).</summary>
    public sealed class GatedSource : ISearchSource
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "gated";

        public async Task<IReadOnlyList<IndexDocument>> LoadAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
        {
            await Open.Task.WaitAsync(ct);
            return ids.Select(id => new IndexDocument(new IndexKey(Name, id), $"闸门条目{id}", "只在索引建立的测试中出现。", "通知", null, null, null)).ToList();
        }

        public IAsyncEnumerable<int> IdsAsync(CancellationToken ct) => new[] { 1, 2 }.ToAsyncEnumerable();

        public string Url(int id, string? q = null, string? back = null) => "#";
    }

    [Fact]
    public async Task WhileTheIndexIsBuilt_TheSearchPageSaysHowFar_AndTheNoticeGoesWhenItIsDone()
    {
        var follower = factory.Services.GetRequiredService<SearchIndexFollower>();
        await Poll.UntilAsync(() => follower.Status is { CaughtUp: false, Total: > 0 }, "the background build");
        var client = await factory.SignInAsync("demo.staff");

        var page = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("工作"));
        var notice = page.TextOf("#index-building");
        var m = System.Text.RegularExpressions.Regex.Match(notice, @"^索引正在建立（已完成 (\d+)/(\d+)），结果可能不完整。$");
        Assert.True(m.Success, notice);
        Assert.True(long.Parse(m.Groups[1].Value) < long.Parse(m.Groups[2].Value), notice);

        factory.Gated.Open.SetResult();
        await Poll.UntilAsync(() => follower.Status.CaughtUp, "the build to finish");
        page = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("工作"));
        Assert.Null(page.QuerySelector("#index-building"));
        Assert.NotEmpty(page.QuerySelectorAll("#results .search-result"));
        Assert.Equal(2, follower.Engine.Search(new SearchRequest(QueryParser.Parse("闸门条目"), SearchAccess.Everything)).Total);
    }
}
