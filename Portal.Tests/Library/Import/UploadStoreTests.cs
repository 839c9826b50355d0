using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Library;
using Portal.Pages.Library.Import;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Library.Import;

/// <summary>An import killed between keeping the original and committing its rows leaves no orphan file.</summary>
public class UploadStoreTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private UploadStore Store => factory.Services.GetRequiredService<UploadStore>();

    private Task<PendingFiles.Outcome> RecoverAsync() =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<UploadRecovery>().RunAsync());

    private Task<IReadOnlyList<string>> VerifyLibraryAsync() =>
        factory.WithScopeAsync(sp => sp.GetServices<IVerifyCheck>().OfType<LibraryVerifyCheck>().Single().RunAsync());

    private static string Pending(StagedUpload staged) => staged.PendingPath;

    [Fact]
    public async Task PendingOriginal_OfAKilledImport_IsRemoved_WhileALiveImportsIsLeftAlone()
    {
        var dead = await Store.StageAsync(Encoding.UTF8.GetBytes("被中断的导入"), "中断.txt");
        // The process dies: the lock goes with it, the file stays.
        dead.Stream.Dispose();
        using var live = await Store.StageAsync(Encoding.UTF8.GetBytes("正在进行的导入"), "进行中.txt");

        var outcome = await RecoverAsync();

        Assert.Equal(new PendingFiles.Outcome(0, 1), outcome);
        Assert.False(File.Exists(Pending(dead)));
        Assert.False(File.Exists(Store.PathOf(dead.StoredName)));
        Assert.True(File.Exists(Pending(live)), "a file a running import holds is not touched");
        live.Dispose();
        Assert.False(File.Exists(Pending(live)));
    }

    [Fact]
    public async Task PendingOriginal_WhoseRecordCommitted_IsMovedIntoPlace_AndVerifyPasses()
    {
        var staged = await Store.StageAsync(Encoding.UTF8.GetBytes("记录已提交，改名前进程被终止"), "已提交.txt");
        factory.Db(db =>
        {
            db.SourceFiles.Add(new SourceFile { OriginalName = "已提交.txt", StoredName = staged.StoredName, Size = 42, Sha256 = new string('c', 64), UploadedAt = DateTime.UtcNow });
            return db.SaveChanges();
        });
        staged.Stream.Dispose();
        Assert.False(File.Exists(Store.PathOf(staged.StoredName)));

        // verify puts the interrupted step in order before it checks that every original is there.
        Assert.Empty(await VerifyLibraryAsync());
        Assert.True(File.Exists(Store.PathOf(staged.StoredName)));
        Assert.False(File.Exists(Pending(staged)));
        Assert.Equal("记录已提交，改名前进程被终止", await File.ReadAllTextAsync(Store.PathOf(staged.StoredName)));
    }

    [Fact, Trait("Provider", "SqliteOnly")] // a SQLite trigger injects the failure
    public async Task Import_FailingAfterTheOriginalIsWritten_KeepsNeitherRowsNorFile()
    {
        var filesBefore = UploadFiles();
        const string title = "关于中断导入测试的通知";
        var text = title + "\n各科室：\n请做好中断导入测试工作。\n特此通知。\n";
        // The transaction fails after the original has been written (as a crash or a full disk would end it).
        Sql($"CREATE TRIGGER fail_import BEFORE INSERT ON Documents WHEN NEW.Title = '{title}' BEGIN SELECT RAISE(ABORT, 'injected'); END;");
        await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => ImportAsync("中断测试.txt", text));
        Assert.Equal(0, factory.Db(db => db.Documents.Count(d => d.Title == title)));
        Assert.Equal(filesBefore, UploadFiles());

        // Run again, it is imported once, with its original in place.
        Sql("DROP TRIGGER fail_import;");
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync("中断测试.txt", text)).Outcome);
        Assert.Equal(filesBefore.Count + 1, UploadFiles().Count);
        Assert.Empty(await VerifyLibraryAsync());
    }

    private Task<FileImportResult> ImportAsync(string name, string text) => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<ImportService>().ImportAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), new ImportDefaults()));

    private void Sql(string sql)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private List<string> UploadFiles() =>
        Directory.Exists(Store.Root) ? Directory.EnumerateFiles(Store.Root, "*", SearchOption.AllDirectories).Order().ToList() : [];
}
