using System.Text;

namespace Portal.Indexing.Search;

/// <summary>What to mark in a text: the query's words and its character sequences (as bigram runs).</summary>
public sealed record HighlightTerms(IReadOnlySet<string> Words, IReadOnlyList<IReadOnlyList<string>> Sequences)
{
    public static HighlightTerms None { get; } = new(new HashSet<string>(), []);
    public bool IsEmpty => Words.Count == 0 && Sequences.Count == 0;
}

/// <summary>
/// Marks matches in the ORIGINAL text and cuts snippets where they cluster. Matches are found on the analyzer's
/// tokens, whose offsets point into the original, so a Simplified query marks the Traditional characters as
/// written. All output is HTML-encoded; only the &lt;mark&gt; tags are ours.
/// </summary>
public sealed class Highlighter(TextAnalysis analysis)
{
    public HighlightTerms TermsOf(SearchQuery query)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var sequences = new List<IReadOnlyList<string>>();
        foreach (var term in query.PositiveTerms)
        {
            var runs = analysis.BigramRuns(term.Text).Select(run => run.Select(t => t.Text).ToList()).ToList();
            sequences.AddRange(runs);
            // A word that is one whole run of Han bigrams is found wherever it occurs by that run already, so the
            // text need not be segmented for it (segmentation is most of a snippet's cost).
            foreach (var w in analysis.Words(term.Text))
                if (!runs.Any(run => TextAnalysis.IsSpelledBy(w, run))) words.Add(w);
        }
        return new HighlightTerms(words, sequences);
    }

    /// <summary>The matched ranges (start, length) in <paramref name="text"/>, sorted and merged.</summary>
    public List<(int Start, int Length)> Find(string text, HighlightTerms terms)
    {
        var ranges = new List<(int Start, int Length)>();
        if (terms.IsEmpty || string.IsNullOrEmpty(text)) return ranges;
        if (terms.Words.Count > 0)
            foreach (var t in analysis.Analyzer.Search(text))
                if (terms.Words.Contains(t.Text)) ranges.Add((t.Start, t.Length));
        if (terms.Sequences.Count > 0)
        {
            var bigrams = analysis.Analyzer.Bigrams(text);
            var byText = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < bigrams.Count; i++)
            {
                if (!byText.TryGetValue(bigrams[i].Text, out var l)) byText[bigrams[i].Text] = l = [];
                l.Add(i);
            }
            foreach (var seq in terms.Sequences)
            {
                if (seq.Count == 1 && seq[0].Length == 1)
                {
                    // A single character: every bigram or unigram that starts with it.
                    foreach (var b in bigrams)
                        if (b.Text.Length > 0 && b.Text[0] == seq[0][0]) ranges.Add((b.Start, 1));
                    continue;
                }
                if (!byText.TryGetValue(seq[0], out var starts)) continue;
                foreach (var i in starts)
                {
                    var ok = i + seq.Count <= bigrams.Count;
                    for (var k = 1; ok && k < seq.Count; k++)
                        ok = bigrams[i + k].Text == seq[k] && bigrams[i + k].Start == bigrams[i + k - 1].Start + 1;
                    if (ok)
                    {
                        var last = bigrams[i + seq.Count - 1];
                        ranges.Add((bigrams[i].Start, last.Start + last.Length - bigrams[i].Start));
                    }
                }
            }
        }
        return Merge(ranges);
    }

    /// <summary>
    /// <see cref="Find"/> paragraph block by block (about <paramref name="block"/> characters each), stopping once
    /// <paramref name="enough"/> matches are found: a snippet of a 30,000-character speech then costs the analysis
    /// of its first matching pages, not of the whole text. Blocks end at line breaks, so no word is cut.
    /// </summary>
    public List<(int Start, int Length)> FindEarly(string text, HighlightTerms terms, int enough, int block = 3000)
    {
        if (text.Length <= block) return Find(text, terms);
        var ranges = new List<(int Start, int Length)>();
        var start = 0;
        while (start < text.Length && ranges.Count < enough)
        {
            var end = Math.Min(text.Length, start + block);
            if (end < text.Length)
            {
                var nl = text.IndexOf('\n', end);
                end = nl < 0 || nl - end > block ? Math.Min(text.Length, end + block) : nl + 1;
            }
            foreach (var (s, l) in Find(text[start..end], terms)) ranges.Add((s + start, l));
            start = end;
        }
        return ranges;
    }

    private static List<(int Start, int Length)> Merge(List<(int Start, int Length)> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(int Start, int Length)>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].Start + merged[^1].Length)
            {
                var end = Math.Max(merged[^1].Start + merged[^1].Length, r.Start + r.Length);
                merged[^1] = (merged[^1].Start, end - merged[^1].Start);
            }
            else merged.Add(r);
        }
        return merged;
    }

    /// <summary>
    /// Up to <paramref name="passages"/> passages of about <paramref name="width"/> characters each, chosen where
    /// the most distinct matches fall, in document order and joined by an ellipsis; HTML.
    /// </summary>
    public string Snippet(string text, HighlightTerms terms, int width = 90, int passages = 2)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var ranges = FindEarly(text, terms, enough: 4 * passages);
        if (ranges.Count == 0) return Render(text, 0, Math.Min(text.Length, width * passages), ranges, text.Length > width * passages);

        var chosen = new List<(int Start, int End)>();
        var used = new bool[ranges.Count];
        for (var p = 0; p < passages; p++)
        {
            var best = -1;
            var bestScore = 0.0;
            for (var i = 0; i < ranges.Count; i++)
            {
                if (used[i]) continue;
                var distinct = new HashSet<string>();
                var score = 0.0;
                for (var j = i; j < ranges.Count && ranges[j].Start + ranges[j].Length <= ranges[i].Start + width; j++)
                {
                    if (used[j]) break;
                    if (distinct.Add(Slice(text, ranges[j]))) score += 1.0;
                    else score += 0.25;
                }
                if (score > bestScore) { bestScore = score; best = i; }
            }
            if (best < 0) break;
            var start = Math.Max(0, ranges[best].Start - width / 5);
            var end = Math.Min(text.Length, start + width);
            if (end - start < width) start = Math.Max(0, end - width);
            if (chosen.Any(c => start < c.End && c.Start < end)) break;
            chosen.Add((start, end));
            for (var j = 0; j < ranges.Count; j++)
                if (ranges[j].Start < end && ranges[j].Start + ranges[j].Length > start) used[j] = true;
        }
        chosen.Sort();
        var sb = new StringBuilder();
        foreach (var (start, end) in chosen)
        {
            if (sb.Length > 0) sb.Append(" … ");
            else if (start > 0) sb.Append("… ");
            sb.Append(Render(text, start, end, ranges, false));
        }
        if (chosen.Count > 0 && chosen[^1].End < text.Length) sb.Append(" …");
        return sb.ToString();
    }

    private static string Slice(string text, (int Start, int Length) r) => text.Substring(r.Start, r.Length);

    /// <summary>The whole text as HTML paragraphs (one per non-empty line), with the matches marked.</summary>
    public List<string> MarkParagraphs(string text, HighlightTerms terms)
    {
        var ranges = Find(text, terms);
        var result = new List<string>();
        var pos = 0;
        while (pos <= text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            var s = pos;
            var e = end;
            while (s < e && char.IsWhiteSpace(text[s])) s++;
            while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
            if (e > s) result.Add(Render(text, s, e, ranges, false));
            if (nl < 0) break;
            pos = nl + 1;
        }
        return result;
    }

    /// <summary>text[start..end] HTML-encoded, white space collapsed, ranges wrapped in &lt;mark&gt;.</summary>
    public static string Render(string text, int start, int end, IReadOnlyList<(int Start, int Length)> ranges, bool ellipsis)
    {
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end++;
        var sb = new StringBuilder(end - start + 32);
        var inMark = false;
        var r = 0;
        var lastSpace = false;
        for (var i = start; i < end; i++)
        {
            while (r < ranges.Count && ranges[r].Start + ranges[r].Length <= i) r++;
            var marked = r < ranges.Count && ranges[r].Start <= i;
            if (marked != inMark)
            {
                sb.Append(marked ? "<mark>" : "</mark>");
                inMark = marked;
            }
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastSpace) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            lastSpace = false;
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        if (inMark) sb.Append("</mark>");
        if (ellipsis) sb.Append(" …");
        return sb.ToString();
    }
}
