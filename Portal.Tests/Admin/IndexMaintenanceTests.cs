using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Pages.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

/// <summary>索引维护: administrators rebuild the index from the web and follow it; one rebuild at a time across instances.</summary>
public class IndexMaintenanceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Rebuild_FromTheWeb_ShowsProgress_SearchKeepsAnswering_AndOnlyOneRunsAtATime()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var page = await admin.GetDocumentAsync("/Admin/IndexMaintenance");
        Assert.True(int.Parse(page.TextOf("#document-count")) > 0);
        Assert.Contains("未入索引 0 条", page.TextOf("#pending"));

        // Another instance holds the lease: nothing starts here.
        factory.Db(db =>
        {
            db.Add(new MaintenanceJob { Name = MaintenanceJob.Reindex, Holder = "another-instance", LeaseUntil = DateTime.UtcNow.AddMinutes(5), Message = "正在重建索引…" });
            return db.SaveChanges();
        });
        var refused = await (await admin.PostFormAsync("/Admin/IndexMaintenance", new Dictionary<string, string>())).ReadDocumentAsync();
        Assert.Contains("已有一个索引重建正在进行", refused.TextOf("#error"));
        Assert.Equal("another-instance", factory.Db(db => db.Set<MaintenanceJob>().Single().Holder));

        // Its instance died: the lease expires and the next start takes over.
        factory.Db(db =>
        {
            db.Set<MaintenanceJob>().Single().LeaseUntil = DateTime.UtcNow.AddSeconds(-1);
            return db.SaveChanges();
        });
        var started = await admin.PostFormAsync("/Admin/IndexMaintenance", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        // Refused while the first runs. On a small test index the first may already be done, and then a new one starts.
        var second = await admin.PostFormAsync("/Admin/IndexMaintenance", new Dictionary<string, string>());
        if (second.StatusCode != HttpStatusCode.Redirect)
            Assert.Contains("已有一个索引重建正在进行", (await second.ReadDocumentAsync()).TextOf("#error"));

        JsonElement progress;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Search?q=政府")).StatusCode);
            progress = JsonDocument.Parse(await admin.GetStringAsync("/Admin/IndexMaintenance?handler=Progress")).RootElement;
            await Task.Delay(200);
        } while (progress.GetProperty("running").GetBoolean() && DateTime.UtcNow < deadline);
        Assert.False(progress.GetProperty("running").GetBoolean());
        Assert.Equal(100, progress.GetProperty("percent").GetInt32());

        var after = await admin.GetDocumentAsync("/Admin/IndexMaintenance");
        Assert.Contains("索引重建完成", after.TextOf("#last-rebuild"));
        Assert.Contains("王管理", after.TextOf("#last-rebuild"));
        Assert.Contains("未入索引 0 条", after.TextOf("#pending"));
        Assert.Null(factory.Db(db => db.Set<MaintenanceJob>().Single().Holder));
        var search = await admin.GetDocumentAsync("/Search?q=政府");
        Assert.NotEmpty(search.QuerySelectorAll("#results li, .search-hit, article"));

        // While a rebuild writes its new directory (the verb's run, here stopped at each progress report), search
        // answers from the live index with everything in it.
        async Task<int> TotalAsync() =>
            JsonDocument.Parse(await admin.GetStringAsync("/api/search?facets=false&q=" + Uri.EscapeDataString("政府"))).RootElement.GetProperty("total").GetInt32();
        var before = await TotalAsync();
        Assert.True(before > 0);
        var during = new List<int>();
        var rebuilt = await factory.Services.GetRequiredService<IndexRebuilds>().RunAsync("demo.admin", p =>
        {
            if (p.Done < p.Total) during.Add(TotalAsync().GetAwaiter().GetResult());
        });
        Assert.True(rebuilt > 0);
        Assert.NotEmpty(during);
        Assert.All(during, total => Assert.Equal(before, total));
        Assert.Equal(before, await TotalAsync());
    }
}
