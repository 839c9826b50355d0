using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Cli;
using Portal.Data;
using Portal.Pages.Library.Import;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Library.Import;

public class ImportServiceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Notice(int n) =>
        $"关于做好第{n}批次重点工作的通知\n各乡镇人民政府，县政府各部门：\n请各单位按照要求做好第{n}批次重点工作，确保按时完成。\n特此通知。\n";

    private async Task<(int Exit, string Out, string Err)> RunVerbAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new ImportVerb().RunAsync(args, new CliContext(() => factory.Services, TextReader.Null, output, error));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UnsupportedAndCorruptFiles_AreRefused_AndEverythingElseIsImported()
    {
        var dir = Fixtures.TempDir();
        Fixtures.Write(dir, "a-通知.txt", Notice(9001));
        File.WriteAllBytes(Path.Combine(dir, "b-假的.docx"), Encoding.UTF8.GetBytes("plain text pretending to be a docx"));
        File.WriteAllBytes(Path.Combine(dir, "c-空.txt"), Array.Empty<byte>());
        File.WriteAllBytes(Path.Combine(dir, "d-扫描.pdf"), Encoding.ASCII.GetBytes("%PDF-1.4"));
        using (var ms = new MemoryStream())
        {
            using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, true))
            {
                using var s = zip.CreateEntry("word/document.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
                s.Write(new byte[6 * 1024 * 1024]);
            }
            File.WriteAllBytes(Path.Combine(dir, "e-炸弹.docx"), ms.ToArray());
        }
        File.WriteAllBytes(Path.Combine(dir, "f-总结.docx"), ReaderTests.MakeDocx());
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        Fixtures.Write(Path.Combine(dir, "sub"), "g-通知.txt", Notice(9002));

        var (exit, output, _) = await RunVerbAsync(dir, "--unit", "县政府办公室");
        Assert.Equal(CliExit.Failure, exit);
        Assert.Contains("[7/7]", output);
        Assert.Contains("导入 3 个", output);
        Assert.Contains("拒绝 4 个", output);
        Assert.Contains("压缩炸弹", output);
        Assert.Contains("不支持的文件类型（.pdf）", output);

        var titles = factory.Db(db => db.Documents.Where(d => d.IssuingUnitName == "县政府办公室").Select(d => d.Title).ToList());
        Assert.Contains("关于做好第9001批次重点工作的通知", titles);
        Assert.Contains("关于做好第9002批次重点工作的通知", titles);
        Assert.Contains("县政府办公室2025年工作总结", titles);
    }

    [Fact]
    public async Task BadArguments_Exit2()
    {
        Assert.Equal(CliExit.Usage, (await RunVerbAsync()).Exit);
        Assert.Equal(CliExit.Usage, (await RunVerbAsync("/no/such/path")).Exit);
        Assert.Equal(CliExit.Usage, (await RunVerbAsync(Fixtures.TempDir(), "--type", "公告栏")).Exit);
        Assert.Equal(CliExit.Usage, (await RunVerbAsync(Fixtures.TempDir(), "--bogus")).Exit);
    }

    [Fact]
    public async Task Jsonl_IsImportedInBatches_BadLinesReported_AndARerunSkipsEverything()
    {
        var dir = Fixtures.TempDir();
        var sb = new StringBuilder();
        for (var i = 0; i < 2500; i++)
        {
            var line = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["title"] = $"静夜思其{i}", ["body"] = $"床前明月光，疑是地上霜。第{i}首。", ["type"] = "简报", ["date"] = "2024-05-06",
                ["文号"] = $"X政办简〔2024〕{i}号",
            });
            sb.Append(line).Append('\n');
            if (i == 1200) sb.Append("{ this is not json\n");
        }
        var path = Fixtures.Write(dir, "poems.jsonl", sb.ToString());

        var result = await factory.WithScopeAsync(async sp =>
        {
            await using var s = File.OpenRead(path);
            return await sp.GetRequiredService<ImportService>().ImportAsync(path, s, new ImportDefaults());
        });
        Assert.Equal(2500, result.Documents);
        Assert.Contains("1 行格式错误", result.Message);
        Assert.Contains("1202", result.Message);
        var sample = factory.Db(db => db.Documents.Single(d => d.Title == "静夜思其7"));
        Assert.Equal("简报", sample.DocType);
        Assert.Equal(new DateOnly(2024, 5, 6), sample.DocDate);
        Assert.Equal("X政办简〔2024〕7号", sample.DocNumber);
        Assert.NotNull(sample.SourceFileId);

        var again = await factory.WithScopeAsync(async sp =>
        {
            await using var s = File.OpenRead(path);
            return await sp.GetRequiredService<ImportService>().ImportAsync(path, s, new ImportDefaults());
        });
        Assert.Equal(0, again.Documents);
        Assert.Equal(2500, again.Skipped);
        Assert.Equal(2500, factory.Db(db => db.Documents.Count(d => d.Title.StartsWith("静夜思其"))));
    }

    [Fact]
    public async Task NearDuplicatePieces_AreLinked_InTheDatabase()
    {
        var full = "本次会议是经县政府常务会议研究同意召开的一次重要会议，主要任务是总结工作、部署任务。长期以来，全县政府系统办公室广大干部职工取得了重大成就，为全县发展作出了重要贡献。";
        var text = "第一篇：县长在办公室工作会议上的讲话\n" + full[..40] + "\n" + full[40..] + "\n第二篇：县长在办公室工作会议上的讲话（节选）\n" + full[..70] + "\n";
        var dir = Fixtures.TempDir();
        var path = Fixtures.Write(dir, "near.txt", text);
        var result = await factory.WithScopeAsync(async sp =>
        {
            await using var s = File.OpenRead(path);
            return await sp.GetRequiredService<ImportService>().ImportAsync(path, s, new ImportDefaults());
        });
        Assert.Equal(2, result.Documents);
        var docs = factory.Db(db => db.Documents.Where(d => d.SourceFileName == "near.txt").OrderBy(d => d.Part).ToList());
        Assert.Null(docs[0].DuplicateOfId);
        Assert.Equal(docs[0].Id, docs[1].DuplicateOfId);
    }

    /// <summary>
    /// Rows as chinese-poetry has them: some without a title (absent, empty, blank), the body a list of lines. Each gets
    /// its title from its first line; a line that is not JSON or has no text is listed by number; the file is imported.
    /// </summary>
    internal static string PoemsWithoutTitles(string tag)
    {
        string Row(object row) => System.Text.Json.JsonSerializer.Serialize(row);
        return string.Join("\n",
            Row(new { title = "静夜思" + tag, body = new[] { "床前明月光，疑是地上霜。" + tag, "举头望明月，低头思故乡。" } }),
            Row(new { paragraphs = 0, body = new[] { "白日依山尽，黄河入海流。" + tag, "欲穷千里目，更上一层楼。" } }),
            Row(new { title = "", body = new[] { "春眠不觉晓，处处闻啼鸟。" + tag, "夜来风雨声，花落知多少。" } }),
            Row(new { title = "  ", body = "红豆生南国，春来发几枝。" + tag + "\n愿君多采撷，此物最相思。" }),
            "{ 这一行不是 JSON",
            Row(new { title = "没有正文" + tag }),
            Row(new { title = "登鹳雀楼" + tag, body = "白日依山尽。" + tag })) + "\n";
    }

    [Fact]
    public async Task Jsonl_RowsWithoutATitle_AreImportedWithTheirFirstLine_AndBadRowsListedByNumber()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var dir = Fixtures.TempDir();
        var path = Fixtures.Write(dir, "唐诗.jsonl", PoemsWithoutTitles(tag));
        var (exit, output, _) = await RunVerbAsync(path);
        Assert.Equal(CliExit.Ok, exit);
        Assert.Contains("已导入 5 篇文档", output);
        Assert.Contains("2 行格式错误或没有正文，未导入（第 5、6 行）", output);
        Assert.Contains("导入 1 个（5 篇文档）", output);
        Assert.Contains("失败 0 个", output);
        Assert.Contains("有 2 行未导入", output);
        var titles = factory.Db(db => db.Documents.Where(d => d.Body.Contains(tag)).Select(d => d.Title).ToList());
        Assert.Equal(new[] { "静夜思" + tag, "白日依山尽，黄河入海流", "春眠不觉晓，处处闻啼鸟", "红豆生南国，春来发几枝", "登鹳雀楼" + tag }.Order(), titles.Order());
    }
}
