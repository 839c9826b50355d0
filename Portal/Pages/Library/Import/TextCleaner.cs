using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Turns extracted text into clean paragraphs. The rules describe families of debris (breadcrumbs, ads, download-site
/// chrome, attributions, injected fragments), not any one site's exact strings. Noise lines are removed BEFORE
/// hard-wrapped lines are joined, so a sentence an ad was inserted into comes back whole; lines are joined without a
/// space, so a word split by the wrap (办|公室) is one word again.
/// </summary>
public static partial class TextCleaner
{
    /// <summary>Cleans the text; <paramref name="joinWrapped"/> is for plain text, where a line break may only be a wrap.</summary>
    public static List<string> Clean(string text, bool joinWrapped)
    {
        var lines = Normalise(text).Split('\n').Select(l => StripInline(l).Trim()).ToList();
        // Blank lines are paragraph breaks; a removed noise line is not (it vanishes, and the lines around it may join).
        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Length == 0) { kept.Add(""); continue; }
            if (!NoiseRules.IsNoise(line)) kept.Add(line);
        }
        RemoveTeasers(kept);
        var paragraphs = joinWrapped ? Join(kept) : kept.Where(l => l.Length > 0).ToList();
        // The same paragraph twice in a row (a page title repeated above the text) is kept once.
        var result = new List<string>(paragraphs.Count);
        foreach (var p in paragraphs)
            if (result.Count == 0 || result[^1] != p) result.Add(p);
        return result;
    }

    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\r': break;
                case '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u3000': sb.Append(' '); break;
                case '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD': break;
                case '\t': sb.Append(' '); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    // --- inline debris -------------------------------------------------------------------------------------

    /// <summary>DOCX conversion bookmarks: [bookmark: _Toc1].</summary>
    [GeneratedRegex(@"\[bookmark:[^\]]{0,80}\]", RegexOptions.IgnoreCase)]
    private static partial Regex Bookmark();

    /// <summary>Anti-scraping injections in square brackets: [:请记住我站域名/], [本站域名…], [www.xx.com].</summary>
    [GeneratedRegex(@"\[[:：]?[^\[\]\n]{0,40}(域名|记住|本站|网址|www\.|\.com|\.net|\.cn)[^\[\]\n]{0,40}\]", RegexOptions.IgnoreCase)]
    private static partial Regex BracketInjection();

    /// <summary>A copyright footer glued to the end of a content line.</summary>
    [GeneratedRegex(@"(版权所有|版權所有|Copyright|©)[^。！？]{0,60}$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingCopyright();

    /// <summary>UI words of expandable abstracts: 展开>>, 收起<<, 阅读全文>>.</summary>
    [GeneratedRegex(@"(展开|收起|阅读全文|查看全文|全文阅读|点击展开|显示全部)\s*(>>|<<|»|«|＞＞|＜＜)")]
    private static partial Regex ExpandCollapse();

    /// <summary>An ad clause with a QQ number inside a longer line (whole short lines are noise anyway).</summary>
    [GeneratedRegex(@"[^，。,；;！!？?]{0,20}(QQ|qq|Ｑ Ｑ|扣扣)[群号]?\s*[:：]?\s*\d{5,12}[^，。,；;]{0,10}[，,]?")]
    private static partial Regex QqClause();

    public static string StripInline(string line)
    {
        if (line.Length == 0) return line;
        line = Bookmark().Replace(line, "");
        line = BracketInjection().Replace(line, "");
        line = ExpandCollapse().Replace(line, "");
        var trimmed = line.TrimEnd();
        var copyright = TrailingCopyright().Match(trimmed);
        if (copyright.Success && copyright.Index > 0) line = trimmed[..copyright.Index];
        if (line.Length > 60) line = QqClause().Replace(line, "");
        return line;
    }

    // --- teasers -------------------------------------------------------------------------------------------

    [GeneratedRegex(@"(\.{3,}|…+|。。。)\s*$")]
    private static partial Regex TrailingEllipsis();

    [GeneratedRegex(@"^(摘要|简介|内容简介|导读)\s*[:：]\s*")]
    private static partial Regex TeaserLabel();

    /// <summary>
    /// A page-level abstract repeats the start of the text and ends with an ellipsis; it is not content (and in a
    /// compilation it is not a piece, even when it starts with 第一篇：).
    /// </summary>
    private static void RemoveTeasers(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length < 30 || !TrailingEllipsis().IsMatch(line)) continue;
            var core = Squeeze(TrailingEllipsis().Replace(TeaserLabel().Replace(line, ""), ""));
            var probe = core.Length > 50 ? core[..50] : core;
            if (probe.Length < 20) continue;
            var rest = new StringBuilder();
            for (var j = 0; j < lines.Count; j++)
                if (j != i) rest.Append(Squeeze(lines[j]));
            if (rest.ToString().Contains(probe, StringComparison.Ordinal))
            {
                lines.RemoveAt(i);
                i--;
            }
        }
    }

    internal static string Squeeze(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
            if (!char.IsWhiteSpace(ch)) sb.Append(ch);
        return sb.ToString();
    }

    // --- joining hard-wrapped lines -----------------------------------------------------------------------

    private const string StrongEnd = "。！？!?；;：:…";
    private const string CloseEnd = "”」』）)》";
    private const string InnerPunctuation = "，,、；;。：:！!？?";

    /// <summary>Joins lines broken by a fixed-width wrap or by a converter, paragraph by paragraph.</summary>
    public static List<string> Join(List<string> lines)
    {
        var width = WrapWidth(lines);
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        string? previous = null;
        var continued = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (previous is not null && ShouldJoin(previous, line, width, continued))
            {
                if (EndsWithLatin(previous) && StartsWithLatin(line)) current.Append(' ');
                current.Append(line);
                continued = true;
            }
            else
            {
                Flush();
                current.Append(line);
                continued = false;
            }
            previous = line;
        }
        Flush();
        return paragraphs;

        void Flush()
        {
            if (current.Length > 0) paragraphs.Add(current.ToString());
            current.Clear();
            previous = null;
        }
    }

    /// <param name="previousContinues">The previous line itself continued a sentence, so it cannot be a title.</param>
    internal static bool ShouldJoin(string previous, string next, int wrapWidth, bool previousContinues = false)
    {
        var last = previous[^1];
        if (StrongEnd.Contains(last) || previous.EndsWith("...")) return false;
        if (Structure.IsHeadingStart(next) || Structure.IsSeparator(next) || Structure.IsSalutation(next)) return false;
        // A line at the wrap width was cut by the wrap, whatever it ends with (short of a full stop).
        if (wrapWidth > 0 && previous.Length >= wrapWidth - 1) return true;
        if (CloseEnd.Contains(last)) return false;
        // A heading stands alone, unless it is a run-in heading whose paragraph was broken (（一）…取得了重|大成就。).
        if ((Structure.IsHeadingStart(previous) && previous.Length <= 50) || Structure.IsSeparator(previous)) return false;
        // A field line (文章标题：…, 组 长:…) is a line of its own.
        if (previous.Length <= 40 && FieldLine().IsMatch(previous)) return false;
        // A short line with no punctuation at all is a title or a heading, not half a sentence.
        if (!previousContinues && previous.Length <= 30 && previous.IndexOfAny(InnerPunctuation.ToCharArray()) < 0) return false;
        return true;
    }

    /// <summary>
    /// The width a PDF extraction was wrapped at: the commonest length among the longer lines, when enough lines
    /// share it; 0 when the text is not wrapped at a fixed width.
    /// </summary>
    [GeneratedRegex(@"^[^，,。；;：:]{1,8}[：:][^，,。；;]*$")]
    private static partial Regex FieldLine();

    internal static int WrapWidth(IReadOnlyList<string> lines)
    {
        var longer = lines.Where(l => l.Length >= 16).Select(l => l.Length).ToList();
        if (longer.Count < 5) return 0;
        var mode = longer.GroupBy(n => n).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
        // Lines of the wrap width give or take one (a trailing ASCII character) count as wrapped.
        var near = longer.Count(n => Math.Abs(n - mode.Key) <= 1);
        return near >= longer.Count * 0.3 && near >= 5 ? mode.Key : 0;
    }

    private static bool EndsWithLatin(string s) => s.Length > 0 && char.IsAsciiLetterOrDigit(s[^1]);
    private static bool StartsWithLatin(string s) => s.Length > 0 && char.IsAsciiLetterOrDigit(s[0]);
}
