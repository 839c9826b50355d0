namespace Portal.Indexing.Analysis;

// TEMPORARY stand-in until the analyzer branch is merged.
public readonly record struct Token(string Text, int Start, int Length, int Position);

// TEMPORARY stand-in until the analyzer branch is merged.
public readonly record struct UserWord(string Word, int? Frequency = null);

// TEMPORARY stand-in until the analyzer branch is merged.
public sealed class AnalyzerOptions
{
    public bool UseDomainDictionary { get; set; } = true;
    public IReadOnlyList<UserWord> UserWords { get; set; } = [];
}
