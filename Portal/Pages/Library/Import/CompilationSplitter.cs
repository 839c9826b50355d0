using System.Text.RegularExpressions;

namespace Portal.Pages.Library.Import;

/// <summary>One piece of a file: its title (null when the text gives none), its paragraphs, its number in a compilation.</summary>
public sealed record Piece(string? Title, List<string> Paragraphs, int? Part);

/// <summary>
/// Finds the pieces of a compilation: 第一篇：标题 / 第1篇 separators, or repeated title blocks (a title followed by a
/// salutation or a 文号, more than once). A file with no such structure is one piece. What comes before the first
/// separator is the compilation's own preamble (its title, the site's intro), not a piece.
/// </summary>
public static partial class CompilationSplitter
{
    public sealed record Result(List<string> Preamble, List<Piece> Pieces, bool IsCompilation);

    public static Result Split(List<string> paragraphs)
    {
        var separators = new List<int>();
        for (var i = 0; i < paragraphs.Count; i++)
            if (Structure.IsSeparator(paragraphs[i])) separators.Add(i);
        if (separators.Count >= 2)
            return Build(paragraphs, separators, i => Structure.Separator().Match(paragraphs[i]).Groups["title"].Value.Trim(), skipMarker: true);

        var titleBlocks = new List<int>();
        for (var i = 0; i + 1 < paragraphs.Count; i++)
            if (Structure.IsTitleLike(paragraphs[i]) && MetadataExtractor.TypeFromTitle(paragraphs[i]) is not null
                && (Structure.IsSalutation(paragraphs[i + 1]) || MetadataExtractor.IsDocNumberLine(paragraphs[i + 1]) || Addressee().IsMatch(paragraphs[i + 1])))
                titleBlocks.Add(i);
        if (titleBlocks.Count >= 2)
            return Build(paragraphs, titleBlocks, i => paragraphs[i], skipMarker: true);

        return new Result(new List<string>(), new List<Piece> { new(null, paragraphs.ToList(), null) }, false);
    }

    /// <summary>各县（市、区）人民政府，市政府各部门： — the addressee line under a 公文's title.</summary>
    [GeneratedRegex(@"^[^。！？]{2,60}[：:]$")]
    private static partial Regex Addressee();

    private static Result Build(List<string> paragraphs, List<int> starts, Func<int, string> titleAt, bool skipMarker)
    {
        var preamble = paragraphs.Take(starts[0]).ToList();
        var pieces = new List<Piece>();
        for (var k = 0; k < starts.Count; k++)
        {
            var from = starts[k] + (skipMarker ? 1 : 0);
            var to = k + 1 < starts.Count ? starts[k + 1] : paragraphs.Count;
            var title = titleAt(starts[k]);
            var body = paragraphs.Skip(from).Take(to - from).ToList();
            // The piece often repeats its title on the next line (with 范文 added, another year, or as 文章标题：…).
            while (body.Count > 0 && RepeatsTitle(body[0], title)) body.RemoveAt(0);
            pieces.Add(new Piece(string.IsNullOrWhiteSpace(title) ? null : title, body, k + 1));
        }
        return new Result(preamble, pieces, true);
    }

    [GeneratedRegex(@"^(文章标题|标题|題目|题目)\s*[：:]")]
    private static partial Regex TitleField();

    internal static bool RepeatsTitle(string line, string? title)
    {
        if (TitleField().IsMatch(line) && line.Length <= 100) return true;
        if (string.IsNullOrEmpty(title) || !Structure.IsTitleLike(line)) return false;
        var a = MetadataExtractor.StripTemplateSuffix(line);
        var b = MetadataExtractor.StripTemplateSuffix(title);
        if (a == b || a.Contains(b) || b.Contains(a)) return true;
        // Same title but for a changed year or word: most characters shared, in order.
        return Similarity(a, b) >= 0.8;
    }

    /// <summary>Longest common subsequence over the longer length (titles are short, so the quadratic cost is nothing).</summary>
    internal static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
                cur[j] = ca == b[j - 1] ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            (prev, cur) = (cur, prev);
        }
        return (double)prev[b.Length] / Math.Max(a.Length, b.Length);
    }
}
