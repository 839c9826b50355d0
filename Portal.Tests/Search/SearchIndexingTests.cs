using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Pages.Library;
using Portal.Pages.Search;
using Portal.Tests.Cli;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>The index follows the Documents table: through the change rows DocumentService writes, and by reindex.</summary>
public class SearchIndexingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private List<int> Find(string q) => factory.Db(_ =>
    {
        using var scope = factory.Services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        return search.Search(new SearchInput { Q = q, Size = 100 }, SearchAccess.Everything).Items.Select(i => i.Hit.Id).ToList();
    });

    private Task<T> Scoped<T>(Func<IServiceProvider, Task<T>> f) => factory.WithScopeAsync(f);

    [Fact]
    public void DemoDocuments_AreIndexed_AtStartUp()
    {
        var docs = factory.Db(db => db.Documents.Count());
        Assert.True(docs > 0);
        Assert.NotEmpty(Find("工作"));
    }

    [Fact]
    public async Task Add_Update_Delete_KeepTheIndexInStep()
    {
        var doc = new Document { Title = "森林防火专项检查通知", Body = "请各单位开展森林防火专项检查。", DocType = "通知" };
        await Scoped(async sp => { await sp.GetRequiredService<DocumentService>().AddAsync([doc]); return 0; });
        Assert.Contains(doc.Id, Find("森林防火 专项检查"));

        await Scoped(sp => sp.GetRequiredService<DocumentService>().UpdateAsync(doc.Id, d => { d.Title = "秸秆禁烧巡查通知"; d.Body = "请各单位开展秸秆禁烧巡查。"; }));
        Assert.DoesNotContain(doc.Id, Find("森林防火"));
        Assert.Contains(doc.Id, Find("秸秆禁烧"));

        await Scoped(sp => sp.GetRequiredService<DocumentService>().DeleteAsync(doc.Id));
        Assert.DoesNotContain(doc.Id, Find("秸秆禁烧"));
        Assert.Empty(await Scoped(sp => sp.GetServices<IVerifyCheck>().Single(c => c is SearchIndexCheck).RunAsync()));
    }

    [Fact]
    public async Task RowsWrittenAroundTheChangeLog_AreFoundByVerify_AndRebuilt()
    {
        var id = factory.Db(db =>
        {
            var d = new Document { Title = "绕过索引写入的文档", Body = "冬季供暖保障", DocType = "通知", ContentHash = Guid.NewGuid().ToString("N") };
            db.Documents.Add(d);
            db.SaveChanges();
            return d.Id;
        });
        var problems = await Scoped(sp => sp.GetServices<IVerifyCheck>().Single(c => c is SearchIndexCheck).RunAsync());
        Assert.Contains(problems, p => p.Contains("未建索引") && p.Contains($"#{id}"));

        await factory.Services.GetRequiredService<SearchIndexFollower>().RebuildAsync();
        Assert.Contains(id, Find("冬季供暖"));
        Assert.Empty(await Scoped(sp => sp.GetServices<IVerifyCheck>().Single(c => c is SearchIndexCheck).RunAsync()));
    }

    [Fact]
    public async Task Rebuild_IndexesEveryDocumentAndSubmission_WithProgress()
    {
        var progress = new List<SearchIndexProgress>();
        var done = await factory.Services.GetRequiredService<SearchIndexFollower>().RebuildAsync(progress.Add);
        Assert.Equal(factory.Db(db => db.Documents.Count(d => d.DuplicateOfId == null) + db.Set<Portal.Pages.Submissions.Submission>().Count()), done);
        Assert.Equal(done, progress[^1].Done);
        Assert.NotEmpty(Find("工作"));
        Assert.Empty(await Scoped(sp => sp.GetServices<IVerifyCheck>().Single(c => c is SearchIndexCheck).RunAsync()));
    }
}

/// <summary>The reindex and search verbs, run as the real executable.</summary>
public class SearchCliTests : IDisposable
{
    private readonly CliTestHost _cli = new();

    [Fact]
    public async Task Search_Json_Reindex_Verify()
    {
        Assert.Equal(0, (await _cli.RunAsync(null, "seed-demo")).ExitCode);

        var (code, output, err) = await _cli.RunAsync(null, "search", "督办 OR 值班", "--top", "3", "--json");
        Assert.True(code == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            var j = JsonDocument.Parse(line).RootElement;
            foreach (var key in new[] { "id", "title", "source", "part", "type", "date", "score", "snippet" })
                Assert.True(j.TryGetProperty(key, out _), $"missing {key} in {line}");
            Assert.Contains("<mark>", j.GetProperty("snippet").GetString());
        }
        Assert.DoesNotContain("\\u", output);

        (code, output, _) = await _cli.RunAsync(null, "search", "督办");
        Assert.Equal(0, code);
        Assert.Contains("找到", output);
        Assert.Contains("【", output);

        // Information items (seeded through the index) come with their own type, unit, date and page.
        (code, output, err) = await _cli.RunAsync(null, "search", "类型:信息报送 工作措施", "--top", "2", "--json");
        Assert.True(code == 0, err);
        var items = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, j =>
        {
            Assert.Equal("信息报送", j.GetProperty("type").GetString());
            Assert.StartsWith("/Submissions/Details/", j.GetProperty("url").GetString());
            Assert.False(string.IsNullOrEmpty(j.GetProperty("unit").GetString()));
            Assert.False(string.IsNullOrEmpty(j.GetProperty("date").GetString()));
            Assert.Contains("<mark>", j.GetProperty("snippet").GetString());
        });
        (code, output, _) = await _cli.RunAsync(null, "search", "类型:信息报送 工作措施", "--top", "1");
        Assert.Equal(0, code);
        Assert.Contains("/Submissions/Details/", output);

        (code, output, _) = await _cli.RunAsync(null, "reindex");
        Assert.Equal(0, code);
        Assert.Contains("已索引", output);
        Assert.Contains("索引重建完成", output);

        (code, output, _) = await _cli.RunAsync(null, "verify");
        Assert.Equal(0, code);
        Assert.Contains("✓ 检索索引", output);
    }

    [Theory]
    [InlineData]
    [InlineData("--top", "5")]
    [InlineData("督办", "--top")]
    [InlineData("督办", "--top", "abc")]
    [InlineData("督办", "--top", "0")]
    [InlineData("督办", "值班")]
    [InlineData("督办", "--jsn")]
    public async Task Search_UsageErrors_Exit2(params string[] args)
    {
        var err = new StringWriter();
        var code = await Portal.Cli.CliRunner.RunAsync(["search", .. args], new StringReader(""), new StringWriter(), err);
        Assert.Equal(2, code);
        Assert.Contains("错误", err.ToString());
    }

    public void Dispose() => _cli.Dispose();
}
