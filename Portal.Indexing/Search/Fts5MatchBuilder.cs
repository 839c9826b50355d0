namespace Portal.Indexing.Search;

/// <summary>
/// Builds FTS5 MATCH expressions from a parsed query. Every token goes in double quotes (FTS5 reads a quoted
/// string as literal text), so no user input can reach FTS5's own syntax — NEAR, *, ^, :, parentheses are
/// just characters here.
/// </summary>
public sealed class Fts5MatchBuilder(TextAnalysis analysis)
{
    internal const string WordColumns = "{title body title_x body_x}";
    internal const string PhraseColumns = "{title body}";
    internal const string BigramColumns = "{title_bg body_bg}";

    /// <summary>The two passes of a query: segmented words (tier 0) and character bigrams (tier 1).</summary>
    public sealed record Expressions(string? Words, string? Bigrams, IReadOnlyList<string> DroppedTerms);

    public Expressions Build(SearchQuery query)
    {
        var terms = QueryTerms<string, string>.Translate(query, Term);
        if (terms.Groups.Count == 0) return new Expressions(null, null, terms.Dropped);
        var exclusions = string.Concat(terms.Excluded.Select(e => " NOT (" + e.Word + " OR " + e.Bigram + ")"));
        string All(Func<(string Word, string Bigram), string> part) =>
            "(" + string.Join(" AND ", terms.Groups.Select(g => g.Count == 1 ? part(g[0]) : "(" + string.Join(" OR ", g.Select(part)) + ")")) + ")";
        return new Expressions(All(t => t.Word) + exclusions, All(t => t.Bigram) + exclusions, terms.Dropped);
    }

    /// <summary>Only the exclusions, OR-ed, for filtering a query that has no positive words.</summary>
    public string? ExclusionsOnly(SearchQuery query)
    {
        var parts = query.Excluded.Select(Term).Where(p => p.Word is not null).Select(p => p.Word + " OR " + p.Bigram).ToList();
        return parts.Count == 0 ? null : string.Join(" OR ", parts);
    }

    /// <summary>An OR of words, for similar documents.</summary>
    public static string AnyOf(IEnumerable<string> words) =>
        string.Join(" OR ", words.Select(w => PhraseColumns + " : " + Quote(w)));

    /// <returns>(null, null) when the term holds nothing searchable (only punctuation or emoji).</returns>
    public (string? Word, string? Bigram) Term(QueryTerm term)
    {
        var words = analysis.Words(term.Text);
        if (words.Count == 0) return (null, null);

        string word;
        if (words.Count == 1) word = WordColumns + " : " + Quote(words[0]);
        else if (term.IsPhrase) word = PhraseColumns + " : " + string.Join(" + ", words.Select(Quote));
        else word = "(" + string.Join(" AND ", words.Select(w => WordColumns + " : " + Quote(w))) + ")";

        var runs = analysis.BigramRuns(term.Text);
        var parts = new List<string>();
        foreach (var run in runs)
        {
            if (run.Count == 1 && run[0].Length == 1)
                parts.Add(BigramColumns + " : " + Quote(run[0].Text) + "*");
            else
                parts.Add(BigramColumns + " : " + string.Join(" + ", run.Select(t => Quote(t.Text))));
        }
        // Letters and digits have no bigrams; they must still match, as words.
        var covered = runs.SelectMany(r => r).ToList();
        foreach (var t in TextAnalysis.Split(analysis.Analyzer.Search(term.Text)).Words)
        {
            if (covered.Any(b => b.Start < t.Start + t.Length && t.Start < b.Start + b.Length)) continue;
            parts.Add(WordColumns + " : " + Quote(t.Text));
        }
        var bigram = parts.Count == 0 ? word : parts.Count == 1 ? parts[0] : "(" + string.Join(" AND ", parts) + ")";
        return (word, bigram);
    }

    public static string Quote(string token) => "\"" + token.Replace("\"", "\"\"") + "\"";
}
