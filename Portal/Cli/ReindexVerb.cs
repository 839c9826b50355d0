using System.Globalization;
using Portal.Pages.Admin;

namespace Portal.Cli;

/// <summary><c>reindex</c>: rebuilds the search index from the Documents and Submissions tables.</summary>
public sealed class ReindexVerb : ICliVerb
{
    public string Name => "reindex";
    public string Summary => "重建全文检索索引（显示进度；用户词典的修改由此生效）";
    public string Usage => "reindex";

    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        if (args.Length > 0) return ctx.UsageError(this, $"reindex 不接受参数：{string.Join(' ', args)}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The same lease as 系统管理 › 索引维护: one rebuild at a time, whichever instance or console starts it.
        var done = await ctx.Services.GetRequiredService<IndexRebuilds>().RunAsync(null, p =>
            ctx.Out.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r已索引 {p.Done}/{p.Total} ({(p.Total == 0 ? 100 : 100.0 * p.Done / p.Total):0.0}%) {p.DocsPerSecond:0} 篇/秒   ")));
        if (done is null)
        {
            ctx.Err.WriteLine("错误：另一个索引重建正在进行（网页或其他实例启动），请等它完成后再试。");
            return CliExit.Failure;
        }
        ctx.Out.WriteLine();
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"索引重建完成：{done} 篇，用时 {watch.Elapsed.TotalSeconds:0.0} 秒。"));
        return CliExit.Ok;
    }
}
