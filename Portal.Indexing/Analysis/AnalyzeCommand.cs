using System.Text;

namespace Portal.Indexing.Analysis;

/// <summary>
/// <c>analyze --mode cut|search|bigram [--no-domain-dict]</c>: one output line per input line, tokens separated by
/// single spaces (surface forms for cut, normalised forms for search and bigram). Used by the portal CLI and by the
/// comparison with Python jieba.
/// </summary>
public static class AnalyzeCommand
{
    public const string Usage = "analyze --mode cut|search|bigram [--no-domain-dict]";

    /// <returns>0 on success, 2 on a usage error.</returns>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        string? mode = null;
        bool domain = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mode":
                    if (i + 1 >= args.Length) return UsageError(error, "--mode 后面缺少取值（cut、search 或 bigram）。");
                    mode = args[++i];
                    break;
                case "--no-domain-dict":
                    domain = false;
                    break;
                default:
                    if (args[i].StartsWith("--mode=", StringComparison.Ordinal)) { mode = args[i]["--mode=".Length..]; break; }
                    return UsageError(error, $"未知参数：{args[i]}");
            }
        }
        if (mode is null) return UsageError(error, "请用 --mode 指定分词方式（cut、search 或 bigram）。");
        if (mode is not ("cut" or "search" or "bigram")) return UsageError(error, $"不支持的分词方式：{mode}（可选 cut、search、bigram）。");

        var analyzer = ChineseAnalyzer.Create(new AnalyzerOptions { UseDomainDictionary = domain });
        var tokens = new List<Token>();
        var sb = new StringBuilder();
        string? line;
        while ((line = input.ReadLine()) != null)
        {
            tokens.Clear();
            switch (mode)
            {
                case "cut": analyzer.Cut(line, tokens); break;
                case "search": analyzer.Search(line, tokens); break;
                default: analyzer.Bigrams(line, tokens); break;
            }
            sb.Clear();
            for (int i = 0; i < tokens.Count; i++)
            {
                if (i > 0) sb.Append(' ');
                sb.Append(tokens[i].Text);
            }
            output.WriteLine(sb);
        }
        output.Flush();
        return 0;
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"错误：{message}");
        error.WriteLine($"用法：{Usage}");
        return 2;
    }
}
