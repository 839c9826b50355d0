using Lucene.Net.Analysis;
using Portal.Indexing.Analysis;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// Our fold (Traditional → Simplified, full-width → half-width, lower case, one bracket form) as a Lucene char filter,
/// so an analyzer that knows only Simplified text (SmartCn) sees Simplified, while offsets are corrected back into the
/// original text: snippets then mark the Traditional characters the user's Simplified query matched.
/// </summary>
internal sealed class NormalizingCharFilter(TextReader input, TextNormalizer normalizer) : CharFilter(input)
{
    private readonly NormalizedText _folded = new();
    private bool _loaded;
    private int _position;

    public override int Read(char[] buffer, int index, int count)
    {
        Load();
        var n = Math.Min(count, _folded.Length - _position);
        if (n <= 0) return count == 0 ? 0 : -1;   // Lucene's readers, like Java's, say "end" with -1
        Array.Copy(_folded.Chars, _position, buffer, index, n);
        _position += n;
        return n;
    }

    public override int Read()
    {
        Load();
        return _position < _folded.Length ? _folded.Chars[_position++] : -1;
    }

    public override int Peek()
    {
        Load();
        return _position < _folded.Length ? _folded.Chars[_position] : -1;
    }

    /// <summary>Folded offset → original offset (the fold keeps a map whenever it changed a length).</summary>
    protected override int Correct(int currentOff) => _folded.ToSource(Math.Clamp(currentOff, 0, _folded.Length));

    private void Load()
    {
        if (_loaded) return;
        _loaded = true;
        normalizer.Normalize(m_input.ReadToEnd(), _folded);
    }
}
