namespace Portal.Indexing.Analysis;

/// <summary>
/// One token of a stream. <see cref="Text"/> is the original surface form for <c>Cut</c> and the normalised form
/// for <c>Search</c> and <c>Bigrams</c>. <see cref="Start"/> and <see cref="Length"/> are UTF-16 offsets into the
/// ORIGINAL input string. <see cref="Position"/> is the 0-based ordinal of the token in the stream; in a search
/// stream the dictionary words found inside a longer word (and the parts of a merged number or 文号 token) carry
/// the position of that longer word, and come just before it, so a phrase query over positions still matches.
/// Bigram positions are consecutive.
/// </summary>
public readonly record struct Token(string Text, int Start, int Length, int Position);

/// <summary>An administrator's dictionary entry. Without a frequency the word gets just enough weight to be kept whole (jieba's suggest_freq).</summary>
public readonly record struct UserWord(string Word, int? Frequency = null);

public sealed class AnalyzerOptions
{
    /// <summary>Adds the embedded government-office vocabulary (督查督办, 办结率, …) to jieba's dictionary.</summary>
    public bool UseDomainDictionary { get; set; } = true;

    /// <summary>Words from the portal's user dictionary (stored in the database); they take effect when the analyzer is built.</summary>
    public IReadOnlyList<UserWord> UserWords { get; set; } = [];
}
