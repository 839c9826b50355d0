using System.Text;

namespace Portal.Indexing.Search;

/// <summary>
/// tsvector and tsquery literals, built in C# from the analyzer's tokens (PostgreSQL never parses the text itself,
/// so its parser and configurations play no part). PostgreSQL's limits, and what is done at each:
/// <list type="bullet">
/// <item>A lexeme is under 2 KB (2047 bytes): longer tokens are cut at <see cref="MaxLexemeBytes"/>, on a character
/// boundary, in the index and in queries alike, so they still find each other.</item>
/// <item>Positions run 1..16383: later tokens keep 16383 (PostgreSQL's own clamp), so a long document is found by
/// every word it holds, but a phrase (or a bigram run) matches only within its first 16383 tokens.</item>
/// <item>A lexeme keeps at most 256 positions: the first 256.</item>
/// <item>A tsvector's data (each lexeme rounded up to even bytes, plus 2 bytes for its position count and 2 per position)
/// is under 1 MB: once <see cref="MaxVectorBytes"/> is reached, further lexemes and positions are left out. Only texts of
/// about 100,000 distinct tokens reach it; the text before that point is indexed in full.</item>
/// </list>
/// Text sent to PostgreSQL holds no NUL and no lone surrogate (both are replaced).
/// </summary>
internal static class PgText
{
    public const int MaxPosition = 16383;
    public const int MaxPositions = 256;
    public const int MaxLexemeBytes = 2000;
    public const int MaxVectorBytes = 1_000_000;

    /// <summary>The text PostgreSQL accepts: NUL removed, lone surrogates replaced by U+FFFD.</summary>
    public static string Clean(string text)
    {
        var bad = false;
        for (var i = 0; i < text.Length && !bad; i++)
        {
            var c = text[i];
            if (c == '\0') bad = true;
            else if (char.IsHighSurrogate(c)) { if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++; else bad = true; }
            else if (char.IsLowSurrogate(c)) bad = true;
        }
        if (!bad) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return sb.ToString();
    }

    /// <summary>A token as a lexeme: cleaned and cut to <see cref="MaxLexemeBytes"/>.</summary>
    public static string Lexeme(string token)
    {
        token = Clean(token);
        if (token.Length * 3 <= MaxLexemeBytes || Encoding.UTF8.GetByteCount(token) <= MaxLexemeBytes) return token;
        var bytes = 0;
        var i = 0;
        while (i < token.Length)
        {
            var width = char.IsHighSurrogate(token[i]) && i + 1 < token.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(token.AsSpan(i, width));
            if (bytes + size > MaxLexemeBytes) break;
            bytes += size;
            i += width;
        }
        return token[..i];
    }

    /// <summary>A lexeme quoted for a tsvector or tsquery literal (quotes doubled, backslashes escaped).</summary>
    public static string Quote(string lexeme)
    {
        if (lexeme.AsSpan().IndexOfAny('\'', '\\') < 0) return "'" + lexeme + "'";
        return "'" + lexeme.Replace("\\", "\\\\").Replace("'", "''") + "'";
    }

    /// <summary>The tokens of an analysed stream (space-separated, as <see cref="TextAnalysis"/> joins them).</summary>
    public static string[] Tokens(string stream) =>
        stream.Length == 0 ? [] : stream.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Builds one tsvector literal: tokens with positions and weights (A title, B body, C/D their sub-words).</summary>
internal sealed class PgVectorBuilder
{
    private readonly Dictionary<string, List<int>> _lexemes = new(StringComparer.Ordinal);
    private int _bytes;

    /// <summary>Adds tokens at consecutive positions from <paramref name="first"/>; returns the position after the last.</summary>
    public int AddSequence(string[] tokens, int first, char weight)
    {
        for (var i = 0; i < tokens.Length; i++) Add(tokens[i], first + i, weight);
        return first + tokens.Length;
    }

    /// <summary>
    /// Adds sub-words at the position of the word that contains them (both lists are in text order), so they take
    /// part in ranking but never in a phrase (phrases use the A/B weights only).
    /// </summary>
    public void AddContained(string[] subWords, string[] words, int first, char weight)
    {
        var p = 0;
        foreach (var s in subWords)
        {
            var q = p;
            while (q < words.Length && !words[q].Contains(s, StringComparison.Ordinal)) q++;
            if (q < words.Length) p = q;
            Add(s, first + p, weight);
        }
    }

    private void Add(string token, int position, char weight)
    {
        var lexeme = PgText.Lexeme(token);
        if (lexeme.Length == 0) return;
        if (!_lexemes.TryGetValue(lexeme, out var positions))
        {
            // As PostgreSQL counts it (tsvectorin): the lexeme padded to even length and its position count.
            var size = (Encoding.UTF8.GetByteCount(lexeme) + 1 & ~1) + 2;
            if (_bytes + size + 2 > PgText.MaxVectorBytes) return;
            _bytes += size;
            _lexemes[lexeme] = positions = new List<int>(2);
        }
        if (positions.Count >= PgText.MaxPositions || _bytes + 2 > PgText.MaxVectorBytes) return;
        var pos = Math.Clamp(position, 1, PgText.MaxPosition);
        // The same position twice (clamped tail, or a sub-word equal to a neighbour): keep the first weight.
        if (positions.Count > 0 && positions[^1] >> 2 == pos) return;
        positions.Add(pos << 2 | (weight - 'A'));
        _bytes += 2;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(_bytes * 2 + _lexemes.Count * 8);
        foreach (var (lexeme, positions) in _lexemes)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(PgText.Quote(lexeme)).Append(':');
            for (var i = 0; i < positions.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(positions[i] >> 2);
                var w = (char)('A' + (positions[i] & 3));
                if (w != 'D') sb.Append(w);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The two vectors of a document. Words: title words (A) at 1..n, body words (B) after a gap of one position (so
    /// no phrase spans title and body), sub-words (C title, D body) at their word's position. Bigrams: title (A), gap,
    /// body (B).
    /// </summary>
    public static (string Words, string Bigrams) Vectors(TextAnalysis.Streams title, TextAnalysis.Streams body)
    {
        var words = new PgVectorBuilder();
        var titleWords = PgText.Tokens(title.Words);
        var bodyWords = PgText.Tokens(body.Words);
        var bodyStart = words.AddSequence(titleWords, 1, 'A') + 1;
        words.AddSequence(bodyWords, bodyStart, 'B');
        words.AddContained(PgText.Tokens(title.SubWords), titleWords, 1, 'C');
        words.AddContained(PgText.Tokens(body.SubWords), bodyWords, bodyStart, 'D');
        var bigrams = new PgVectorBuilder();
        var next = bigrams.AddSequence(PgText.Tokens(title.Bigrams), 1, 'A') + 1;
        bigrams.AddSequence(PgText.Tokens(body.Bigrams), next, 'B');
        return (words.ToString(), bigrams.ToString());
    }
}
