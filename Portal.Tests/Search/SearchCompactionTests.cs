using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;
using Portal.Pages.Library;
using Portal.Pages.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>
/// After a bulk write (here 1,200 documents in one call, which the follower applies in bulk), the running portal merges
/// its index into one segment once the changes have been quiet for a while; small writes afterwards do not start it.
/// </summary>
public class SearchCompactionTests(SearchCompactionTests.Factory factory) : IClassFixture<SearchCompactionTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Search:CompactAfterQuiet"] = "00:00:00.5",
            ["Search:CompactAfterBulk"] = "1000",
        };
    }

    [Fact]
    public async Task ABulkWrite_IsMergedIntoOneSegment_OnceQuiet_AndStaysSearchable()
    {
        var follower = factory.Services.GetRequiredService<SearchIndexFollower>();
        // The demo data's first build was a bulk write too: wait for its merge first.
        await Poll.UntilAsync(() => follower.Compactions >= 1, "the first build's merge");
        var before = follower.Compactions;

        var docs = Enumerable.Range(1, 1200).Select(i => new Document
        {
            Title = $"第{i}号森林防火巡查简报", Body = $"森林防火巡查第{i}期：各乡镇落实网格责任。", DocType = "简报",
        }).ToList();
        await factory.WithScopeAsync(async sp => { await sp.GetRequiredService<DocumentService>().AddAsync(docs); return 0; });

        await Poll.UntilAsync(() => follower.Compactions > before, "the bulk write's merge");
        var engine = (LuceneSearchEngine)follower.Engine;
        var (searcher, release) = engine.AcquireSearcher();
        try { Assert.Single(searcher.IndexReader.Leaves); }
        finally { release(); }
        Assert.Equal(1200, engine.Search(new SearchRequest(QueryParser.Parse("森林防火 巡查"), SearchAccess.Everything)).Total);

        // A single small write is no bulk load: no merge of the whole index for it.
        var one = new Document { Title = "森林防火巡查总结", Body = "全年森林防火巡查总结。", DocType = "简报" };
        await factory.WithScopeAsync(async sp => { await sp.GetRequiredService<DocumentService>().AddAsync([one]); return 0; });
        await Task.Delay(1500);
        Assert.Equal(before + 1, follower.Compactions);
    }
}
