using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Portal.Cli;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

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
        var done = await ctx.Services.GetRequiredService<Admin.IndexRebuilds>().RunAsync(null, p =>
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

/// <summary><c>search "QUERY" [--top N] [--json]</c>: searches as an administrator (the operator sees everything).</summary>
public sealed class SearchVerb : ICliVerb
{
    public string Name => "search";
    public string Summary => "全文检索（--json 每行输出一个 JSON 结果）";
    public string Usage => "search \"QUERY\" [--top N] [--json]";


    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        string? query = null;
        var top = 10;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--top":
                    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > 1000)
                        return ctx.UsageError(this, "--top 后应跟 1 到 1000 之间的整数。");
                    i++;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal)) return ctx.UsageError(this, $"未知选项：{args[i]}");
                    if (query is not null) return ctx.UsageError(this, "只能给出一个检索式；含空格的检索式请加引号。");
                    query = args[i];
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(query)) return ctx.UsageError(this, "请给出检索式。");

        // What was written since the index last followed (no portal running here): applied first.
        await ctx.Services.GetRequiredService<SearchIndexFollower>().TryCatchUpAsync();
        using var scope = ctx.Services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        var o = search.Search(new SearchInput { Q = query, Size = top }, SearchAccess.Everything, withFacets: false);
        foreach (var n in o.Notices) ctx.Err.WriteLine($"提示：{n}");
        if (o.Message is not null) ctx.Err.WriteLine(o.Message);
        if (json)
        {
            foreach (var item in o.Items) ctx.Out.WriteLine(JsonSerializer.Serialize(SearchJson.Hit(item), SearchJson.Options));
            return CliExit.Ok;
        }
        ctx.Out.WriteLine(o.Results.TotalIsLowerBound ? $"找到超过 {o.Results.Total} 条，显示前 {o.Items.Count} 条：" : $"找到 {o.Results.Total} 条，显示前 {o.Items.Count} 条：");
        var n2 = 0;
        foreach (var item in o.Items)
        {
            var h = item.Hit;
            ctx.Out.WriteLine($"{++n2,3}. [{h.DocType}] {h.Title}  {item.Url()} {h.Unit} {h.Date?.ToString("yyyy-MM-dd") ?? ""} {item.Source}{(item.Part is int p ? $" 第{p}篇" : "")}");
            ctx.Out.WriteLine("     " + PlainSnippet(item.SnippetHtml));
        }
        if (o.Items.Count == 0 && o.LooserQuery is not null) ctx.Out.WriteLine($"试试放宽条件：{o.LooserQuery}（约 {o.LooserTotal} 条）");
        return CliExit.Ok;
    }

    /// <summary>The HTML snippet for a terminal: marks as 【】, entities decoded.</summary>
    public static string PlainSnippet(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(html.Replace("<mark>", "【").Replace("</mark>", "】"), "<[^>]*>", ""));
}
