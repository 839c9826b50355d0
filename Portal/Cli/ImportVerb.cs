using Portal.Data;
using Portal.Pages.Library.Import;
using Portal.Pages.Search;

namespace Portal.Cli;

/// <summary>
/// Imports files and folders (recursively) into the document library, one transaction per file. Files already
/// imported are skipped by content hash, so a run that was killed half-way is finished by running it again.
/// </summary>
public sealed class ImportVerb : ICliVerb
{
    public string Name => "import";
    public string Summary => "导入文档（.txt/.docx/.html/.jsonl，可指定文件或目录）";
    public string Usage => "import PATH... [--type 类型] [--unit 单位]";

    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        string? type = null, unit = null;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--type" or "--unit" when i + 1 >= args.Length || args[i + 1].StartsWith("--"):
                    return ctx.UsageError(this, $"{args[i]} 需要一个值。");
                case "--type": type = args[++i]; break;
                case "--unit": unit = args[++i]; break;
                default:
                    if (args[i].StartsWith('-')) return ctx.UsageError(this, $"未知选项：{args[i]}");
                    paths.Add(args[i]);
                    break;
            }
        }
        if (paths.Count == 0) return ctx.UsageError(this, "请指定要导入的文件或目录。");
        if (type is not null && !DocumentTypes.All.Contains(type))
            return ctx.UsageError(this, $"未知的文档类型“{type}”，可选：{string.Join("、", DocumentTypes.All)}");
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0) return ctx.UsageError(this, $"路径不存在：{string.Join("、", missing)}");

        var files = paths.SelectMany<string, string>(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                : new[] { p })
            .Select(Path.GetFullPath).Distinct().ToList();

        using (var scope = ctx.Services.CreateScope())
        {
            // What a killed run left half-kept is finished or removed before this run starts.
            var (completed, removed) = await scope.ServiceProvider.GetRequiredService<UploadRecovery>().RunAsync();
            if (completed + removed > 0) ctx.Out.WriteLine($"上次中断的导入：补全原文件 {completed} 个，清除残留文件 {removed} 个。");
        }
        // The index follows the imported rows while the import runs (the next file's near-duplicates are looked up in it);
        // when the portal runs beside this verb, it writes the index and this follower only reads it.
        var follower = ctx.Services.GetRequiredService<SearchIndexFollower>();
        await follower.StartAsync(CancellationToken.None);
        try
        {
            return await ImportFilesAsync(files, new ImportDefaults(type, unit, UploadedBy: "命令行导入"), ctx);
        }
        finally
        {
            ctx.Out.Write("更新检索索引… ");
            var indexed = await follower.TryCatchUpAsync();
            await follower.StopAsync(CancellationToken.None);
            if (indexed) await follower.CompactAsync();
            ctx.Out.WriteLine(indexed ? $"完成（共 {follower.Engine.Count} 条）。" : "门户正在运行，由门户更新。");
        }
    }

    private static async Task<int> ImportFilesAsync(List<string> files, ImportDefaults defaults, CliContext ctx)
    {
        int imported = 0, documents = 0, duplicates = 0, refused = 0, failed = 0, refusedRows = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            ctx.Out.Write($"[{i + 1}/{files.Count}] {Path.GetFileName(file)} … ");
            FileImportResult result;
            // A fresh scope per file: one unit of work (and one transaction) per file.
            using (var scope = ctx.Services.CreateScope())
            {
                var importer = scope.ServiceProvider.GetRequiredService<ImportService>();
                try
                {
                    await using var stream = File.OpenRead(file);
                    // Bulk (JSONL) files report every batch, so a long migration shows it is moving.
                    var progress = new Portal.Pages.Library.InlineProgress<ImportProgress>(p =>
                    {
                        if (p.Fraction < 1 && p.Stage.StartsWith("已处理")) ctx.Out.Write($"{p.Stage}（{p.Fraction:P0}）… ");
                    });
                    result = await importer.ImportAsync(file, stream, defaults, progress);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    result = new FileImportResult(Path.GetFileName(file), ImportOutcome.Failed, 0, 0, $"导入失败：{ex.Message}");
                }
            }
            ctx.Out.WriteLine(result.Message);
            refusedRows += result.RefusedRows.Count;
            switch (result.Outcome)
            {
                case ImportOutcome.Imported: imported++; documents += result.Documents; break;
                case ImportOutcome.Duplicate: duplicates++; break;
                case ImportOutcome.Refused: refused++; break;
                default: failed++; documents += result.Documents; break;
            }
        }
        ctx.Out.WriteLine($"完成：共 {files.Count} 个文件，导入 {imported} 个（{documents} 篇文档），重复跳过 {duplicates} 个，拒绝 {refused} 个，失败 {failed} 个" +
                          (refusedRows > 0 ? $"；已导入的文件中有 {refusedRows} 行未导入（行号见上）。" : "。"));
        return refused + failed > 0 ? CliExit.Failure : CliExit.Ok;
    }
}
