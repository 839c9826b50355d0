using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Portal.Tests.Infrastructure;
using Portal.Tests.Library;
using Portal.Tests.Library.Import;

namespace Portal.Tests.Cli;

/// <summary>
/// The real executable killed half-way (SIGKILL, as a power cut or an operator's kill -9 would end it), then run again:
/// nothing is half-written, the index agrees with the documents (verify exits 0), and every file is imported once.
/// </summary>
[Trait("Provider", "SqliteOnly")]
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliTestHost _host = new();

    private long Scalar(string sql) => _host.Scalar(sql);

    private async Task AssertVerifyPassesAsync()
    {
        var verify = await _host.RunAsync(null, "verify");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        Assert.Contains("检查通过", verify.Out);
    }

    /// <summary>Originals in the uploads folder: one per file record, none left pending.</summary>
    private void AssertOneOriginalPerRecord()
    {
        var uploads = Path.Combine(_host.DataDirectory, "uploads");
        var files = Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories).ToList();
        Assert.DoesNotContain(files, f => f.EndsWith(".pending") || f.EndsWith(".part"));
        Assert.Equal(Scalar("SELECT count(*) FROM SourceFiles"), files.Count);
    }

    [Fact]
    public async Task BulkImport_KilledHalfWay_LeavesNoHalfWrittenDocument_AndARerunFinishesThem()
    {
        // Enough batches that the kill lands half-way even when the import runs fast.
        const int lines = 12000, batch = 200;
        _host.Settings["Portal__Library__BulkBatchSize"] = batch.ToString();
        var file = Path.Combine(Fixtures.TempDir(), "migration.jsonl");
        await using (var w = new StreamWriter(file, false, new UTF8Encoding(false)))
            for (var i = 0; i < lines; i++)
                await w.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["title"] = $"关于第{i}号督办事项办理情况的报告",
                    ["body"] = $"第{i}号督办事项已按要求办理。" + string.Concat(Enumerable.Repeat($"牵头单位召开专题会议研究落实第{i}号事项，明确责任分工和完成时限。", 4)),
                    ["type"] = "报告",
                    ["date"] = $"2025-{i % 12 + 1:D2}-15",
                }));

        // The bulk import, killed once a few batches have committed.
        using (var import = _host.Start("import", file))
        {
            Assert.True(await import.WaitForOutputAsync(o => Regex.Matches(o, "已处理").Count >= 3, Patience), import.Output + import.Error);
            import.Kill();
            Assert.DoesNotContain("完成：", import.Output);
        }
        var partial = Scalar("SELECT count(*) FROM Documents");
        Assert.InRange(partial, 3 * batch, lines - 1);
        Assert.Equal(0, partial % batch); // whole batches only
        await AssertVerifyPassesAsync();

        var rerun = await _host.RunAsync(null, "import", file);
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Err);
        Assert.Contains($"已导入 {lines - partial} 篇文档，{partial} 篇已存在已跳过", rerun.Out);
        Assert.Equal(lines, Scalar("SELECT count(*) FROM Documents"));
        Assert.Equal(lines, Scalar("SELECT count(DISTINCT ContentHash) FROM Documents"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM SourceFiles"));
        AssertOneOriginalPerRecord();
    }

    [Fact]
    public async Task FolderImport_KilledHalfWay_RunAgain_ImportsEveryFileExactlyOnce()
    {
        var folder = Fixtures.TempDir();
        const int files = 120;
        for (var i = 0; i < files; i++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(folder, i < 30 ? "a" : "b")).FullName;
            Fixtures.Write(dir, $"{i:D3}.txt", $"关于第{i}号事项的通知\n各单位：\n请认真办理第{i}号事项，按期报送结果。\n特此通知。\n");
        }

        // Part of the folder first.
        var first = await _host.RunAsync(null, "import", Path.Combine(folder, "a"));
        Assert.True(first.ExitCode == 0, first.Out + first.Err);

        // Then the whole folder, killed once a few more files are through.
        using (var import = _host.Start("import", folder))
        {
            Assert.True(await import.WaitForOutputAsync(o => o.Contains($"[40/{files}]"), Patience), import.Output + import.Error);
            import.Kill();
        }

        var rerun = await _host.RunAsync(null, "import", folder);
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Err);
        Assert.Contains($"共 {files} 个文件", rerun.Out);
        Assert.Equal(files, Scalar("SELECT count(*) FROM Documents"));
        Assert.Equal(files, Scalar("SELECT count(DISTINCT ContentHash) FROM Documents"));
        Assert.Equal(files, Scalar("SELECT count(*) FROM SourceFiles"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM Documents WHERE SourceFileId IS NULL"));
        AssertOneOriginalPerRecord();
        await AssertVerifyPassesAsync();
    }

    /// <summary>
    /// A progress report with an attachment, its server killed while the attachment is written and before the report
    /// commits: the attachment is left pending, and <c>verify</c> removes it — no file without its report.
    /// </summary>
    [Fact]
    public async Task ReportWithAttachment_KilledHalfWay_LeavesNothingBehind_AfterVerify()
    {
        _host.Settings["Portal__SeedDemoData"] = "true";
        _host.Settings["Portal__DemoDocumentCount"] = "20";
        var (server, baseUrl) = await PortalProcess.StartServerAsync(_host.DataDirectory, _host.Settings, Patience);
        var folder = Path.Combine(_host.DataDirectory, "attachments", "supervision");
        bool Pending() => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.pending", SearchOption.AllDirectories).Any();
        var killed = false;
        using (server)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() })
                { BaseAddress = new Uri(baseUrl), Timeout = Patience };
            var signIn = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
                { ["Input.UserName"] = "demo.liaison", ["Input.Password"] = Portal.Demo.DemoUnitsAndUsers.Password });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
            var mine = await client.GetStringAsync("/Supervision/Mine");
            string? task = null, token = null;
            foreach (var link in Regex.Matches(mine, "/Supervision/Task/\\d+").Select(m => m.Value).Distinct())
            {
                var page = await client.GetDocumentAsync(link);
                token = page.QuerySelector("#report-form input[name=__RequestVerificationToken]")?.GetAttribute("value");
                if (token is null) continue;
                task = link;
                break;
            }
            Assert.NotNull(task);
            // The database held by another writer: the report waits to commit with its attachment already written,
            // and is killed there, as a power cut between the two would.
            using var writer = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False");
            writer.Open();
            using (var begin = writer.CreateCommand()) { begin.CommandText = "BEGIN IMMEDIATE"; begin.ExecuteNonQuery(); }
            var attachment = new byte[2 * 1024 * 1024];
            "%PDF-1.7\n"u8.CopyTo(attachment);
            var form = new MultipartFormDataContent
            {
                { new StringContent(token!), "__RequestVerificationToken" },
                { new StringContent(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd")), "Report.ReportedOn" },
                { new StringContent("被中断的进展报送"), "Report.Text" },
                { new ByteArrayContent(attachment), "Attachment", "进展材料.pdf" },
            };
            var post = client.PostAsync(task + "?handler=Report", form);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!post.IsCompleted && !Pending() && DateTime.UtcNow < deadline) await Task.Delay(5);
            if (Pending())
            {
                server.Kill();
                killed = true;
            }
            try { await post; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            using (var rollback = writer.CreateCommand()) { rollback.CommandText = "ROLLBACK"; rollback.ExecuteNonQuery(); }
        }
        Assert.True(killed, "the report never wrote its attachment");
        Assert.True(Pending(), "the kill left no pending attachment");
        Assert.Equal(0L, Scalar("SELECT count(*) FROM SupervisionReports WHERE Text = '被中断的进展报送'"));

        await AssertVerifyPassesAsync();
        Assert.False(Pending());
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order().ToList();
        using var c = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT AttachmentStoredName FROM SupervisionReports WHERE AttachmentStoredName IS NOT NULL";
        var named = new List<string>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) named.Add(r.GetString(0));
        // Every report's file is there, and no file without its report.
        Assert.Equal(named.Order(), files);
    }

    public void Dispose() => _host.Dispose();
}

/// <summary>
/// README › 数据与备份, step by step: <c>backup</c> while users upload, the files archived after it, then restored into
/// a fresh data directory — the restored portal starts, verify passes, and it holds what was committed before the backup.
/// </summary>
[Trait("Provider", "SqliteOnly")]
public sealed class BackupRestoreTests : IDisposable
{
    private readonly CliTestHost _live = new();
    private readonly CliTestHost _restored = new();
    private readonly string _backupDir = Fixtures.TempDir();

    [Fact]
    public async Task Backup_WhileUsersUpload_RestoredPerTheReadme_StartsVerifiesAndHoldsTheCommittedDocuments()
    {
        var (server, url) = await PortalProcess.StartServerAsync(_live.DataDirectory, _live.Settings, TimeSpan.FromMinutes(3));
        using var _ = server;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        var signIn = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = _live.Settings["Portal__Admin__Password"] });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);

        // Users upload, one file after another, the whole time.
        var committed = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var title = $"关于备份期间第{i}次上传的通知";
                var response = await UploadPageTests.UploadAsync(client, ($"上传{i}.txt", Encoding.UTF8.GetBytes($"{title}\n各科室：\n请做好第{i}次上传的有关工作。\n特此通知。\n")));
                var result = Assert.Single(await UploadPageTests.ResultsAsync(response));
                Assert.StartsWith("已导入", result.Outcome);
                committed.Enqueue(title);
            }
        });
        await WaitUntilAsync(() => committed.Count >= 5 || writer.IsFaulted);
        var before = committed.ToList();

        // 1. The database, online.
        var dbBackup = Path.Combine(_backupDir, "portal.db");
        var backup = await _live.RunAsync(null, "backup", dbBackup);
        Assert.True(backup.ExitCode == 0, backup.Out + backup.Err);
        var duringBackup = committed.Count;
        // 2. Then the files (originals, attachments, keys), so that every original the copied rows name is in the archive.
        var files = Path.Combine(_backupDir, "files.tar.gz");
        // As the README says: GNU tar exits 1 when a folder changed while it was read (users kept uploading).
        await RunAsync("tar", ["-C", _live.DataDirectory, "--exclude=./portal.db*", "--exclude=*.pending", "--warning=no-file-changed", "-czf", files, "."], allowed: 1);
        await WaitUntilAsync(() => committed.Count >= duringBackup + 2 || writer.IsFaulted);
        stop.Cancel();
        await writer;
        Assert.True(Count(_live.DatabasePath) > before.Count);

        // Restore into a fresh data directory: files first, then the database, no stale -wal/-shm.
        Directory.Delete(_restored.DataDirectory, true);
        Directory.CreateDirectory(_restored.DataDirectory);
        await RunAsync("tar", "-C", _restored.DataDirectory, "-xzf", files);
        File.Copy(dbBackup, _restored.DatabasePath);
        File.Delete(_restored.DatabasePath + "-wal");
        File.Delete(_restored.DatabasePath + "-shm");

        var (restoredServer, restoredUrl) = await PortalProcess.StartServerAsync(_restored.DataDirectory, _restored.Settings, TimeSpan.FromMinutes(3));
        using (restoredServer)
        {
            // The sign-in keys came back too: the same cookie is still signed in.
            var library = await client.GetAsync(restoredUrl + "/Library");
            Assert.Equal(System.Net.HttpStatusCode.OK, library.StatusCode);
            var verify = await _restored.RunAsync(null, "verify");
            Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        }
        var titles = Titles(_restored.DatabasePath);
        Assert.All(before, t => Assert.Contains(t, titles));
        Assert.InRange(titles.Count, before.Count, Count(_live.DatabasePath));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException();
            await Task.Delay(50);
        }
    }

    private static Task RunAsync(string program, params string[] args) => RunAsync(program, args, allowed: 0);

    private static async Task RunAsync(string program, string[] args, int allowed)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode >= 0 && p.ExitCode <= allowed, $"{program} {string.Join(' ', args)}: exit {p.ExitCode}: {err}");
    }

    private static HashSet<string> Titles(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Title FROM Documents";
        using var r = cmd.ExecuteReader();
        var set = new HashSet<string>();
        while (r.Read()) set.Add(r.GetString(0));
        return set;
    }

    private static int Count(string db) => Titles(db).Count;

    public void Dispose()
    {
        _live.Dispose();
        _restored.Dispose();
        try { Directory.Delete(_backupDir, true); } catch (IOException) { }
    }
}
