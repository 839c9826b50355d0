using System.Text;

namespace Portal.Indexing.Analysis;

// TEMPORARY stand-in until the analyzer branch is merged: same public surface as the real analyzer,
// crude behaviour (CJK runs of up to 4 characters are "words", longer runs are cut in 2-character chunks).
// Nothing outside this folder may depend on how it segments.
public sealed class ChineseAnalyzer
{
    private static readonly Dictionary<char, char> Fold = new()
    {
        ['辦'] = '办', ['講'] = '讲', ['話'] = '话', ['會'] = '会', ['議'] = '议', ['報'] = '报',
        ['資'] = '资', ['訊'] = '讯', ['縣'] = '县', ['區'] = '区', ['廳'] = '厅', ['處'] = '处', ['導'] = '导',
        ['書'] = '书', ['長'] = '长', ['檢'] = '检', ['査'] = '查', ['督'] = '督', ['體'] = '体', ['發'] = '发',
        ['門'] = '门', ['練'] = '练', ['賬'] = '账', ['領'] = '领', ['實'] = '实', ['務'] = '务', ['個'] = '个', ['這'] = '这', ['為'] = '为', ['們'] = '们', ['與'] = '与', ['對'] = '对',
        ['〔'] = '[', ['〕'] = ']', ['【'] = '[', ['】'] = ']', ['［'] = '[', ['］'] = ']', ['\u3000'] = ' ',
    };

    private readonly AnalyzerOptions _options;
    private ChineseAnalyzer(AnalyzerOptions options) => _options = options;

    public static ChineseAnalyzer Default { get; } = new(new AnalyzerOptions());
    public static ChineseAnalyzer Create(AnalyzerOptions options) => new(options);

    public string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(FoldChar(c));
        return sb.ToString();
    }

    private static char FoldChar(char c)
    {
        if (Fold.TryGetValue(c, out var f)) return f;
        if (c >= '\uFF01' && c <= '\uFF5E') c = (char)(c - 0xFEE0);
        return char.ToLowerInvariant(c);
    }

    private static bool IsCjk(char c) => c >= '\u3400' && c <= '\u9FFF';
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    private IEnumerable<(int Start, int Length, bool Cjk)> Runs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = FoldChar(text[i]);
            if (IsCjk(c))
            {
                var s = i;
                while (i < text.Length && IsCjk(FoldChar(text[i]))) i++;
                yield return (s, i - s, true);
            }
            else if (IsWordChar(c))
            {
                var s = i;
                while (i < text.Length && (IsWordChar(FoldChar(text[i]))
                       || ((FoldChar(text[i]) == '.' || FoldChar(text[i]) == '%') && i > s && char.IsDigit(FoldChar(text[i - 1])))))
                    i++;
                yield return (s, i - s, false);
            }
            else i++;
        }
    }

    private Token Make(string text, int start, int length, int pos) =>
        new(Normalize(text.Substring(start, length)), start, length, pos);

    public IReadOnlyList<Token> Cut(string text)
    {
        var list = new List<Token>();
        foreach (var (s, len, cjk) in Runs(text))
        {
            if (!cjk || len <= 4) { list.Add(Make(text, s, len, list.Count)); continue; }
            for (var i = 0; i < len; i += 2) list.Add(Make(text, s + i, Math.Min(2, len - i), list.Count));
        }
        return list;
    }

    public IReadOnlyList<Token> Search(string text)
    {
        var list = new List<Token>();
        foreach (var t in Cut(text))
        {
            if (t.Length >= 3 && IsCjk(text[t.Start]))
                for (var i = 0; i + 2 <= t.Length; i += 2) list.Add(Make(text, t.Start + i, 2, list.Count));
            list.Add(t with { Position = list.Count });
        }
        return list;
    }

    public IReadOnlyList<Token> Bigrams(string text)
    {
        var list = new List<Token>();
        foreach (var (s, len, cjk) in Runs(text))
        {
            if (!cjk) continue;
            if (len == 1) { list.Add(Make(text, s, 1, list.Count)); continue; }
            for (var i = 0; i + 1 < len; i++) list.Add(Make(text, s + i, 2, list.Count));
        }
        return list;
    }
}
