using System.Text;
using Portal.Indexing.Analysis;

namespace Portal.Indexing.Search;

/// <summary>
/// Turns text into the three token streams the index holds: the segmented words (the analyzer's maximal
/// tokens, in order, so phrases keep their positions), the dictionary sub-words of long words, and the
/// character bigrams. Index and query both go through here, so they always agree.
/// </summary>
public sealed class TextAnalysis(ChineseAnalyzer analyzer)
{
    private volatile ChineseAnalyzer _analyzer = analyzer;

    /// <summary>The analyzer in use. It changes only when the index is rebuilt with a new user dictionary.</summary>
    public ChineseAnalyzer Analyzer => _analyzer;

    /// <summary>Switches to another analyzer (a rebuilt index, or another instance's rebuild, brought a new user dictionary).</summary>
    public void Use(ChineseAnalyzer analyzer) => _analyzer = analyzer;

    public readonly record struct Streams(string Words, string SubWords, string Bigrams);

    public Streams Analyze(string text)
    {
        if (string.IsNullOrEmpty(text)) return new Streams("", "", "");
        var (words, subWords) = Split(Analyzer.Search(text));
        return new Streams(Join(words), Join(subWords), Join(Analyzer.Bigrams(text)));
    }

    /// <summary>
    /// Separates the segmented words from the sub-words the search mode adds: a sub-word lies inside a longer
    /// token. Only that relation is used, not how the analyzer orders its output.
    /// </summary>
    public static (List<Token> Words, List<Token> SubWords) Split(IReadOnlyList<Token> tokens)
    {
        var sorted = tokens.Where(t => Searchable(t.Text)).ToList();
        sorted.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var words = new List<Token>(sorted.Count);
        var subWords = new List<Token>();
        var maxEnd = -1;
        Token? previous = null;
        foreach (var t in sorted)
        {
            var end = t.Start + t.Length;
            if (previous is { } p && p.Start == t.Start && p.Length == t.Length) continue;
            if (end <= maxEnd) subWords.Add(t);
            else { words.Add(t); maxEnd = end; }
            previous = t;
        }
        return (words, subWords);
    }

    /// <summary>Words of a query term: the segmented words, in order.</summary>
    public List<string> Words(string text) => Split(Analyzer.Search(text)).Words.Select(t => t.Text).ToList();

    /// <summary>Bigrams of a query term, grouped into runs of adjacent characters (each run is one phrase).</summary>
    public List<List<Token>> BigramRuns(string text)
    {
        var runs = new List<List<Token>>();
        foreach (var t in Analyzer.Bigrams(text))
        {
            if (!Searchable(t.Text)) continue;
            if (runs.Count > 0 && runs[^1][^1].Start + 1 == t.Start && t.Length == 2 && runs[^1][^1].Length == 2) runs[^1].Add(t);
            else runs.Add([t]);
        }
        return runs;
    }

    /// <summary>
    /// Whether the word is two or more Han characters whose adjacent pairs are exactly the run. Words and bigrams
    /// come from the same normalised text, so such a word occurs only where its run of bigrams occurs too.
    /// </summary>
    public static bool IsSpelledBy(string word, IReadOnlyList<string> run) =>
        word.Length >= 2 && run.Count == word.Length - 1 && word.All(ch => ch is >= '\u3400' and <= '\u9fff') &&
        run.Select((bigram, i) => bigram.Length == 2 && string.CompareOrdinal(word, i, bigram, 0, 2) == 0).All(ok => ok);

    /// <summary>A token is worth indexing when it holds a letter or a digit (punctuation and emoji are not searchable).</summary>
    public static bool Searchable(string text)
    {
        foreach (var r in text.EnumerateRunes())
            if (Rune.IsLetterOrDigit(r)) return true;
        return false;
    }

    private static string Join(IEnumerable<Token> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            if (!Searchable(t.Text)) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(t.Text);
        }
        return sb.ToString();
    }
}
