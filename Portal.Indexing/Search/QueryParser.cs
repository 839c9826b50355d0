using System.Globalization;
using System.Text;

namespace Portal.Indexing.Search;

/// <summary>
/// Parses the search box's query language: words (all must match), "quoted phrases", OR, -exclusion and the
/// filters 类型:, 单位:, 年份:. Never throws: whatever cannot be used is dropped with a Chinese notice, because
/// the box is typed into by everyone and pasted into from anywhere.
/// </summary>
public static class QueryParser
{
    public const int MaxLength = 500;
    public const int MaxTerms = 20;

    private static readonly Dictionary<string, string> FilterKeys = new()
    {
        ["类型"] = "type", ["類型"] = "type", ["单位"] = "unit", ["單位"] = "unit", ["年份"] = "year", ["年"] = "year",
    };

    public static SearchQuery Parse(string? input)
    {
        var notices = new List<string>();
        var text = Clean(input ?? "", notices);
        var groups = new List<List<QueryTerm>>();
        var excluded = new List<QueryTerm>();
        var types = new List<string>();
        var units = new List<string>();
        var years = new List<int>();
        var pendingOr = false;
        var loneOperators = false;

        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }

            var negate = false;
            if (text[i] == '-')
            {
                if (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])) { loneOperators = true; i++; continue; }
                negate = true;
                i++;
            }

            QueryTerm term;
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    notices.Add("引号没有配对，已把引号后的全部内容作为一个短语。");
                    end = text.Length;
                }
                term = new QueryTerm(text[(i + 1)..end].Trim(), true);
                i = Math.Min(end + 1, text.Length);
                if (term.Text.Length == 0) { loneOperators = true; continue; }
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
                var word = text[start..i];
                if (!negate && (word == "OR" || word == "|"))
                {
                    if (groups.Count == 0 || pendingOr) loneOperators = true;
                    pendingOr = true;
                    continue;
                }
                if (!negate && TryFilter(word, types, units, years, notices)) continue;
                term = new QueryTerm(word, false);
            }

            if (negate) { excluded.Add(term); continue; }
            if (pendingOr && groups.Count > 0) groups[^1].Add(term);
            else groups.Add([term]);
            pendingOr = false;
        }
        if (pendingOr) loneOperators = true;
        if (loneOperators) notices.Add("已忽略单独的 OR、- 或空引号。");

        if (groups.Count + excluded.Count > MaxTerms)
        {
            notices.Add($"检索词过多，只使用前 {MaxTerms} 个。");
            groups = groups.Take(MaxTerms).ToList();
            excluded = excluded.Take(Math.Max(0, MaxTerms - groups.Count)).ToList();
        }

        return new SearchQuery
        {
            Required = groups.Select(g => new QueryGroup(g)).ToList(),
            Excluded = excluded,
            Types = types.Distinct().ToList(),
            Units = units.Distinct().ToList(),
            Years = years.Distinct().ToList(),
            Notices = notices,
        };
    }

    private static bool TryFilter(string word, List<string> types, List<string> units, List<int> years, List<string> notices)
    {
        var colon = word.IndexOfAny([':', '：']);
        if (colon <= 0) return false;
        if (!FilterKeys.TryGetValue(word[..colon], out var key)) return false;
        var value = word[(colon + 1)..].Trim();
        if (value.Length == 0)
        {
            notices.Add($"“{word}”缺少筛选值，已忽略。");
            return true;
        }
        switch (key)
        {
            case "type": types.Add(value); break;
            case "unit": units.Add(value); break;
            default:
                var digits = new string(value.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c).ToArray()).TrimEnd('年');
                if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100)
                    years.Add(y);
                else
                    notices.Add($"“{word}”中的年份应为四位数字（如 年份:2024），已忽略。");
                break;
        }
        return true;
    }

    /// <summary>Drops control characters and broken surrogates, folds the many quote and minus signs, caps the length.</summary>
    private static string Clean(string input, List<string> notices)
    {
        if (input.Length > MaxLength * 4) input = input[..(MaxLength * 4)];
        var sb = new StringBuilder(Math.Min(input.Length, MaxLength));
        var dropped = false;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < input.Length && char.IsLowSurrogate(input[i + 1])) { sb.Append(c).Append(input[++i]); continue; }
                dropped = true;
                continue;
            }
            if (char.IsLowSurrogate(c) || c == '\uFFFD' || c == '\uFEFF') { dropped = true; continue; }
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                sb.Append(' ');
                continue;
            }
            sb.Append(c switch
            {
                '“' or '”' or '＂' or '「' or '」' or '『' or '』' => '"',
                '－' or '–' => '-',
                '｜' => '|',
                _ => c,
            });
        }
        if (dropped) notices.Add("已忽略无法识别的字符。");
        var text = sb.ToString();
        if (text.Length > MaxLength)
        {
            notices.Add($"检索内容过长，只使用前 {MaxLength} 个字符。");
            var cut = MaxLength;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            text = text[..cut];
        }
        return text;
    }
}
