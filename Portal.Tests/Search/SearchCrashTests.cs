using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;
using Portal.Tests.Cli;
using Portal.Tests.Library.Import;

namespace Portal.Tests.Search;

/// <summary>
/// The search index beside the database, with the real executable killed (SIGKILL, as a power cut would end it) during a
/// bulk import and during a rebuild: afterwards the index holds every row once, with its latest change (verify exits 0),
/// the old index keeps answering while a rebuild runs or after one died, and the next rebuild works.
/// </summary>
[Trait("Provider", "SqliteOnly")]
public sealed class SearchCrashTests : IClassFixture<SearchCrashTests.Corpus>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly CliTestHost _host = new();
    private readonly Corpus _corpus;

    public SearchCrashTests(Corpus corpus)
    {
        _corpus = corpus;
        _host.Settings["Portal__Library__BulkBatchSize"] = "2000";
    }

    /// <summary>A .jsonl of 40,000 documents of varied wording, written once for the class.</summary>
    public sealed class Corpus : IDisposable
    {
        public const int Lines = 40_000;
        private static readonly string[] Phrases =
        [
            "牵头单位召开专题会议", "明确责任分工和完成时限", "督查督办事项按期办结", "加强统筹协调", "压实工作责任",
            "深入基层调查研究", "及时报送进展情况", "确保各项任务落地见效", "优化营商环境", "推进数字政府建设",
            "做好防汛抗旱工作", "强化安全生产监管", "推动乡村振兴", "保障和改善民生", "深化放管服改革",
            "抓好疫情防控常态化工作", "加快重点项目建设", "促进消费扩大内需", "稳定就业岗位", "提升政务服务效能",
            "开展专项整治行动", "健全长效机制", "落实河长制湖长制", "加强生态环境保护", "推进老旧小区改造",
        ];

        public string File { get; } = Path.Combine(Fixtures.TempDir(), "crash.jsonl");

        public Corpus()
        {
            var random = new Random(19);
            using var w = new StreamWriter(File, false, new UTF8Encoding(false));
            for (var i = 0; i < Lines; i++)
            {
                var body = new StringBuilder($"第{i}号事项（编号 CR{i:D5}）办理情况如下。");
                for (var k = 0; k < 8; k++) body.Append(Phrases[random.Next(Phrases.Length)]).Append(random.Next(2) == 0 ? "，" : "。");
                w.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["title"] = $"关于CR{i:D5}号事项{Phrases[i % Phrases.Length]}的报告",
                    ["body"] = body.ToString(),
                    ["type"] = i % 3 == 0 ? "简报" : "报告",
                    ["date"] = $"2025-{i % 12 + 1:D2}-{i % 28 + 1:D2}",
                }));
            }
        }

        public void Dispose() => Directory.Delete(Path.GetDirectoryName(File)!, true);
    }

    [Fact]
    public async Task BulkImport_KilledHalfWay_ThenCaughtUp_IndexHoldsEveryRowOnce_AndARerunCompletesIt()
    {
        using (var import = _host.Start("import", _corpus.File))
        {
            Assert.True(await import.WaitForOutputAsync(o => Regex.Matches(o, "已处理").Count >= 3, Patience), import.Output + import.Error);
            import.Kill();
            Assert.DoesNotContain("完成：", import.Output);
        }
        var partial = Scalar("SELECT count(*) FROM Documents");
        Assert.InRange(partial, 1, Corpus.Lines - 1);

        // verify first brings the index up to the committed change rows, then compares: nothing lost, nothing twice.
        await AssertVerifyPassesAsync();
        AssertIndexMatchesDatabase();

        var rerun = await _host.RunAsync(null, "import", _corpus.File);
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Err);
        Assert.Equal(Corpus.Lines, Scalar("SELECT count(*) FROM Documents"));
        await AssertVerifyPassesAsync();
        AssertIndexMatchesDatabase(compacted: true);
        // The last line of the file, imported by the rerun, is found.
        Assert.Contains($"CR{Corpus.Lines - 1:D5}", (await SearchAsync($"CR{Corpus.Lines - 1:D5}")).Out);
    }

    [Fact]
    public async Task Reindex_KilledHalfWay_OldIndexStillAnswers_VerifyPasses_AndTheNextRebuildWorks()
    {
        var import = await _host.RunAsync(null, "import", _corpus.File);
        Assert.True(import.ExitCode == 0, import.Out + import.Err);
        var before = await SearchAsync("督查督办");
        Assert.Matches("找到 [1-9]", before.Out);

        using (var reindex = _host.Start("reindex"))
        {
            Assert.True(await reindex.WaitForOutputAsync(o => LastProgress(o) is { Done: > 0 } p && p.Done < p.Total, Patience),
                reindex.Output + reindex.Error);
            // While the rebuild writes its new directory, another process searches the live one.
            var during = await SearchAsync("督查督办");
            Assert.Equal(TotalLine(before.Out), TotalLine(during.Out));
            reindex.Kill();
            Assert.DoesNotContain("索引重建完成", reindex.Output);
        }

        Assert.Equal(TotalLine(before.Out), TotalLine((await SearchAsync("督查督办")).Out));
        await AssertVerifyPassesAsync();

        // The dead run's lease is taken over at once (its process has ended), and the rebuild completes.
        var again = await _host.RunAsync(null, "reindex");
        Assert.True(again.ExitCode == 0, again.Out + again.Err);
        Assert.Contains($"索引重建完成：{Corpus.Lines} 篇", again.Out);
        await AssertVerifyPassesAsync();
        AssertIndexMatchesDatabase(compacted: true);
        Assert.Equal(TotalLine(before.Out), TotalLine((await SearchAsync("督查督办")).Out));
    }

    private static (int Done, int Total)? LastProgress(string output) =>
        Regex.Matches(output, @"已索引 (\d+)/(\d+)") is { Count: > 0 } m ? (int.Parse(m[^1].Groups[1].Value), int.Parse(m[^1].Groups[2].Value)) : null;

    private static string TotalLine(string output) => Regex.Match(output, "找到[^，]*").Value;

    private async Task<(int ExitCode, string Out, string Err)> SearchAsync(string query)
    {
        var result = await _host.RunAsync(null, "search", query);
        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        return result;
    }

    private async Task AssertVerifyPassesAsync()
    {
        var verify = await _host.RunAsync(null, "verify");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        Assert.Contains("检查通过", verify.Out);
    }

    /// <summary>
    /// The index read directly (the processes have ended): one entry per row that is indexed (near-duplicates are not),
    /// each key once, and the recorded change number is the last committed one. <paramref name="compacted"/>: a verb that
    /// wrote in bulk (import, reindex) merged the index into one segment before it exited.
    /// </summary>
    private void AssertIndexMatchesDatabase(bool compacted = false)
    {
        var rows = new List<long>();
        using (var c = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT Id FROM Documents WHERE DuplicateOfId IS NULL ORDER BY Id";
            using var r = cmd.ExecuteReader();
            while (r.Read()) rows.Add(r.GetInt64(0));
        }
        using var engine = new LuceneSearchEngine(new SearchEngineOptions { IndexPath = Path.Combine(_host.DataDirectory, "search-index") },
            new TextAnalysis(ChineseAnalyzer.Default));
        var entries = engine.Entries().ToList();
        Assert.All(entries, e => Assert.Equal("document", e.Key.Source));
        Assert.Equal(rows, entries.Select(e => (long)e.Key.Id));
        Assert.Equal(rows.Count, engine.Count);
        Assert.Equal(Scalar("SELECT coalesce(max(Id), 0) FROM SearchChanges"), engine.AppliedChange);
        if (compacted)
        {
            var (searcher, release) = engine.AcquireSearcher();
            try { Assert.Single(searcher.IndexReader.Leaves); }
            finally { release(); }
        }
        // The live directory is the one `current` names (a dead rebuild's directory is removed by a later start, once a minute old).
        var index = Path.Combine(_host.DataDirectory, "search-index");
        Assert.True(Directory.Exists(Path.Combine(index, File.ReadAllText(Path.Combine(index, "current")).Trim())));
    }

    private long Scalar(string sql) => _host.Scalar(sql);

    public void Dispose() => _host.Dispose();
}
