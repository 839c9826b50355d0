using System.Text.RegularExpressions;

namespace Portal.Pages.Library.Import;

/// <summary>Headings, separators and salutations of Chinese official writing (一、 / （一） / 1. / 第X篇).</summary>
public static partial class Structure
{
    public const string Numerals = "一二三四五六七八九十百零〇两";

    [GeneratedRegex(@"^[一二三四五六七八九十百]{1,4}\s*[、．]")]
    public static partial Regex Level1();

    [GeneratedRegex(@"^[（(]\s*[一二三四五六七八九十百]{1,4}\s*[）)]")]
    public static partial Regex Level2();

    [GeneratedRegex(@"^\d{1,2}\s*[、．.](?!\d)")]
    public static partial Regex Level3();

    [GeneratedRegex(@"^第[一二三四五六七八九十百零〇两\d]{1,4}\s*[章节篇部分]")]
    public static partial Regex Chapter();

    [GeneratedRegex(@"^第[一二三四五六七八九十百零〇两\d]{1,4}\s*条")]
    public static partial Regex Article();

    /// <summary>第一篇：标题 / 第1篇 / 第 12 篇 — the separator of a compilation, with the piece's title when it has one.</summary>
    [GeneratedRegex(@"^第\s*([一二三四五六七八九十百零〇两]{1,4}|\d{1,3})\s*篇\s*[：:、.．]?\s*(?<title>.*)$")]
    public static partial Regex Separator();

    [GeneratedRegex(@"^(同志们|同志們|各位领导|各位領導|各位代表|各位来宾|各位同事|尊敬的.{1,30}|女士们|朋友们)\s*[：:，,！!]")]
    private static partial Regex SalutationRegex();

    public static bool IsHeadingStart(string line) =>
        Level1().IsMatch(line) || Level2().IsMatch(line) || Level3().IsMatch(line) || Chapter().IsMatch(line) || Article().IsMatch(line);

    /// <summary>A separator line: 第N篇 alone or followed by a title (a long run-on line is an abstract, not a separator).</summary>
    public static bool IsSeparator(string line)
    {
        var m = Separator().Match(line);
        return m.Success && m.Groups["title"].Value.Length <= 80;
    }

    public static bool IsSalutation(string line) => line.Length <= 40 && SalutationRegex().IsMatch(line);

    /// <summary>The outline level of a heading line (1 一、, 2 （一）, 3 1.), or 0 when it is not a heading.</summary>
    public static int HeadingLevel(string line)
    {
        if (Chapter().IsMatch(line)) return 1;
        // A full paragraph that happens to start with 一、 is not a heading: headings are short or end at the first sentence.
        if (Level1().IsMatch(line)) return 2;
        if (Level2().IsMatch(line)) return 3;
        if (Level3().IsMatch(line)) return 4;
        return 0;
    }

    /// <summary>The heading text for an outline: a run-in heading is cut at its first full stop.</summary>
    public static string HeadingText(string line)
    {
        var end = line.IndexOfAny(new[] { '。', '！', '？' });
        var text = end > 0 ? line[..end] : line;
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    /// <summary>Title-like: short, no sentence punctuation at the end, not a numbered heading.</summary>
    public static bool IsTitleLike(string line) =>
        line.Length is >= 4 and <= 80 && !"。！？!?；;：:，,、…".Contains(line[^1]) && !line.EndsWith("...")
        && !IsHeadingStart(line) && !IsSeparator(line) && !IsSalutation(line)
        // （2024年9月18日）, （此件公开发布） — parenthesised lines under a title are not titles.
        && !(line[0] is '（' or '(' && line[^1] is '）' or ')');
}
