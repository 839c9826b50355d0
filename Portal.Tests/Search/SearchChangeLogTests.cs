using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Pages.Admin.Units;
using Portal.Pages.Library;
using Portal.Pages.Search;
using Portal.Pages.Submissions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>
/// Every write of a document or an information item records its change row in its own transaction, and the follower
/// applies the rows after commit: what was saved is found at once, what was rolled back never is.
/// </summary>
public class SearchChangeLogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private List<(string Source, int Id, long Change)> Changes(Func<SearchChange, bool> which) =>
        factory.Db(db => db.Set<SearchChange>().AsNoTracking().AsEnumerable().Where(which).Select(c => (c.Source, c.EntityId, c.Id)).ToList());

    private List<IndexKey> Find(string q) => factory.Db(_ =>
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SearchService>()
            .Search(new SearchInput { Q = q, Size = 100 }, SearchAccess.Everything).Items.Select(i => i.Hit.Key).ToList();
    });

    private SearchIndexFollower Follower => factory.Services.GetRequiredService<SearchIndexFollower>();

    [Fact]
    public async Task DocumentWrites_RecordOneChangeEach_AndTheIndexHasTheLatest()
    {
        var doc = new Document { Title = "候鸟迁徙通道保护通知", Body = "做好候鸟迁徙通道保护工作。", DocType = "通知" };
        await factory.WithScopeAsync(async sp => { await sp.GetRequiredService<DocumentService>().AddAsync([doc]); return 0; });
        var key = new IndexKey(SearchChange.DocumentSource, doc.Id);
        Assert.Single(Changes(c => c.Source == "document" && c.EntityId == doc.Id));
        Assert.Contains(key, Find("候鸟迁徙"));

        await factory.WithScopeAsync(sp => sp.GetRequiredService<DocumentService>().UpdateAsync(doc.Id, d => d.Body = "做好湿地候鸟保护工作。"));
        var changes = Changes(c => c.Source == "document" && c.EntityId == doc.Id);
        Assert.Equal(2, changes.Count);
        // The entry carries the change number of the latest write (verify compares them).
        Assert.Contains(Follower.Engine.Entries(), e => e.Key == key && e.Version == changes.Max(c => c.Change));
        Assert.True(Follower.AppliedChange >= changes.Max(c => c.Change));

        await factory.WithScopeAsync(sp => sp.GetRequiredService<DocumentService>().DeleteAsync(doc.Id));
        Assert.Equal(3, Changes(c => c.Source == "document" && c.EntityId == doc.Id).Count);
        Assert.DoesNotContain(key, Find("湿地候鸟"));
        Assert.DoesNotContain(Follower.Engine.Entries(), e => e.Key == key);
    }

    [Fact]
    public async Task RolledBackWrite_LeavesNoChangeRow_AndNothingInTheIndex()
    {
        var before = factory.Db(db => db.Set<SearchChange>().Count());
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var doc = new Document { Title = "未提交的文档", Body = "梧桐树苗补植方案。", DocType = "通知", ContentHash = Guid.NewGuid().ToString("N") };
            db.Documents.Add(doc);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<SearchChangeLog>().DocumentsChangedAsync([doc.Id]);
            await tx.RollbackAsync();
            return 0;
        });
        Assert.Equal(before, factory.Db(db => db.Set<SearchChange>().Count()));
        await Follower.CatchUpAsync();
        Assert.Empty(Find("梧桐树苗"));
    }

    [Fact]
    public async Task UnitRename_RecordsChanges_ForItsDocumentsAndItems_AndSearchShowsTheNewName()
    {
        var unitId = factory.Db(db => db.Units.Single(u => u.Name == "滨江区政府办公室").Id);
        var doc = new Document { Title = "滨江区河道保洁通报", Body = "河道保洁长效机制。", DocType = "通报", IssuingUnitId = unitId };
        await factory.WithScopeAsync(async sp => { await sp.GetRequiredService<DocumentService>().AddAsync([doc]); return 0; });
        var documents = factory.Db(db => db.Documents.Where(d => d.IssuingUnitId == unitId).Select(d => d.Id).ToHashSet());
        var items = factory.Db(db => db.Set<Submission>().Where(s => s.UnitId == unitId).Select(s => s.Id).ToHashSet());
        var after = factory.Db(db => db.Set<SearchChange>().Max(c => c.Id));

        await factory.WithScopeAsync(async sp =>
        {
            var unit = await sp.GetRequiredService<PortalDbContext>().Units.AsNoTracking().SingleAsync(u => u.Id == unitId);
            await sp.GetRequiredService<UnitAdminService>().UpdateAsync(unitId, UnitInput.From(unit) with { Name = "滨江区人民政府办公室" });
            return 0;
        });

        var recorded = Changes(c => c.Id > after);
        Assert.Equal(documents, recorded.Where(c => c.Source == "document").Select(c => c.Id).ToHashSet());
        Assert.Equal(items, recorded.Where(c => c.Source == "submission").Select(c => c.Id).ToHashSet());
        using var scope = factory.Services.CreateScope();
        var hit = scope.ServiceProvider.GetRequiredService<SearchService>()
            .Search(new SearchInput { Q = "河道保洁" }, SearchAccess.Everything).Items.Single(i => i.Hit.Id == doc.Id);
        Assert.Equal("滨江区人民政府办公室", hit.Hit.Unit);
    }

    [Fact]
    public async Task ChangesWrittenBehindTheFollowersBack_AreAppliedByTheNextCatchUp()
    {
        // Another instance (or a command-line import) wrote a row and its change; this one was not nudged.
        var id = factory.Db(db =>
        {
            var d = new Document { Title = "另一实例写入的文档", Body = "银杏古树名录更新。", DocType = "通知", ContentHash = Guid.NewGuid().ToString("N") };
            db.Documents.Add(d);
            db.SaveChanges();
            db.Set<SearchChange>().Add(new SearchChange { Source = SearchChange.DocumentSource, EntityId = d.Id, ChangedAt = DateTime.UtcNow });
            db.SaveChanges();
            return d.Id;
        });
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (!Find("银杏古树").Contains(new IndexKey("document", id)) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(new IndexKey("document", id), Find("银杏古树"));
    }
}
