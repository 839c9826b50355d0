using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Portal.Indexing.Analysis;
using Token = Portal.Indexing.Analysis.Token;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// Our <see cref="ChineseAnalyzer"/> inside Lucene: the word fields get the search stream (normalised words, with the
/// dictionary sub-words of long words at the same position as their word, so phrases match over positions and parts
/// of long words stay searchable); the bigram fields get the character bigrams. Normalisation (Traditional →
/// Simplified, full-width → half-width, case) is the analyzer's own, so Traditional text finds Simplified queries
/// and back. The analyzer in use is read from <see cref="TextAnalysis"/> on every call (a new user dictionary).
/// </summary>
public sealed class PortalLuceneAnalyzer(TextAnalysis analysis) : Analyzer(PER_FIELD_REUSE_STRATEGY)
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(fieldName is LuceneFields.TitleBigram or LuceneFields.BodyBigram
            ? new TokenListTokenizer(reader, Bigrams)
            : new TokenListTokenizer(reader, Words));

    private void Words(string text, List<Token> output)
    {
        analysis.Analyzer.Search(text, output);
        output.RemoveAll(t => !TextAnalysis.Searchable(t.Text));
        // Lucene wants start offsets that never go back: within a word's position, its parts by where they start.
        output.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position)
            : a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        // The same part may come twice (a merged number's halves); once is enough.
        output.RemoveAll(SameAsPrevious(output));
    }

    private static Predicate<Token> SameAsPrevious(List<Token> sorted)
    {
        Token? previous = null;
        return t =>
        {
            var same = previous is { } p && p.Position == t.Position && p.Start == t.Start && p.Length == t.Length;
            previous = t;
            return same;
        };
    }

    private void Bigrams(string text, List<Token> output)
    {
        analysis.Analyzer.Bigrams(text, output);
        output.RemoveAll(t => !TextAnalysis.Searchable(t.Text));
    }
}

/// <summary>
/// Emits a list of our tokens (made from the whole field text) with their offsets and position increments. Tokens come
/// sorted by position; ones at the same position get increment 0.
/// </summary>
internal sealed class TokenListTokenizer : Tokenizer
{
    /// <summary>Lucene refuses terms over 32,766 bytes; a run of letters that long is no word anyone searches for.</summary>
    private const int MaxTokenLength = 255;

    private readonly Action<string, List<Token>> _analyse;
    private readonly List<Token> _tokens = [];
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private int _next;
    private int _lastPosition;
    private int _length;

    public TokenListTokenizer(TextReader input, Action<string, List<Token>> analyse) : base(input)
    {
        _analyse = analyse;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        _tokens.Clear();
        _analyse(text, _tokens);
        _next = 0;
        _lastPosition = -1;
        _length = text.Length;
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (_next < _tokens.Count)
        {
            var t = _tokens[_next++];
            if (t.Text.Length > MaxTokenLength) continue;
            _term.SetEmpty().Append(t.Text);
            _offset.SetOffset(CorrectOffset(t.Start), CorrectOffset(t.Start + t.Length));
            _increment.PositionIncrement = Math.Max(0, t.Position - _lastPosition);
            _lastPosition = Math.Max(_lastPosition, t.Position);
            return true;
        }
        return false;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_length);
        _offset.SetOffset(final, final);
    }
}
