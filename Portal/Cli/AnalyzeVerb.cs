using Portal.Indexing.Analysis;

namespace Portal.Cli;

/// <summary>
/// Shows how the search index splits text: reads lines from standard input, prints the tokens of each line.
/// Needs no database (it never touches <see cref="CliContext.Services"/>).
/// </summary>
public sealed class AnalyzeVerb : ICliVerb
{
    public string Name => "analyze";
    public string Summary => "分词：从标准输入逐行读取文本，输出每行的词（cut 原文词形，search/bigram 归一化形式）";
    public string Usage => AnalyzeCommand.Usage;

    public Task<int> RunAsync(string[] args, CliContext ctx) =>
        Task.FromResult(AnalyzeCommand.Run(args, ctx.In, ctx.Out, ctx.Err));
}
