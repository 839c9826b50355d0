using System.IO.Compression;
using System.Text.Json;

namespace Portal.Tests.Indexing;

/// <summary>Test data under TestData/analyzer (copied to the output directory); no sample file is needed.</summary>
internal static class AnalyzerTestData
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "TestData", "analyzer");

    /// <summary>Python jieba 0.42.1 cut(line, HMM=True) of each non-empty line of samples 001–004 (make-jieba-reference.py).</summary>
    public static IReadOnlyList<string[]> JiebaReference { get; } = LoadReference();

    private static List<string[]> LoadReference()
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Dir, "jieba-reference.jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var list = new List<string[]>();
        string? line;
        while ((line = reader.ReadLine()) != null)
            if (line.Length > 0) list.Add(JsonSerializer.Deserialize<string[]>(line)!);
        return list;
    }

    /// <summary>Traditional (or 000-style mixed) sentence → Simplified sentence, written for these tests.</summary>
    public static IEnumerable<(string Traditional, string Simplified)> TraditionalPairs() =>
        File.ReadAllLines(Path.Combine(Dir, "traditional-simplified-pairs.tsv"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1]));

    /// <summary>Our own fixture lines: mixed scripts, widths, 文号, numbers, noise.</summary>
    public static readonly string[] FixtureLines =
    [
        "根据X政办发〔2024〕41号文件，参评率达92.3%。",
        "國發〔20XX〕23號、浙消安委[2017]4号和 Ｘ政辦字（２０２４）１２號",
        "ＡＢＣ全角字母与ａｂｃ、１２３４５，以及ＷＷＷ．ＧＯＶ．ＣＮ",
        "  　件件有著落，事事有回音；一絲不茍。",
        "二噁英檢測與乾隆年間的文獻 𠀀𪚥 测试",
        "文章编号:1006-0278(2015)02-067-01 时间:2022-06-15 15:56:08",
        "“8·29”原油泄漏事故 3+ 1 模式 XX年年5月份——XX年年10月份",
        "一是抓人员培[:请记住我站域名/]训 版权所有 zhann.net",
        "丰（豐）富的内容，兀（兀）字与 CJK 兼容字 \uF900\uF901\uFA0C",
        "😀表情符号\u0001控制字符\u200B零宽空格\tTab",
    ];
}
