using System.Text;

namespace Portal.Indexing.Analysis;

/// <summary>
/// Folds text for matching while remembering where every output character came from: full-width ASCII → half-width,
/// Latin (and Greek/Cyrillic) lower-cased, the brackets of 文号 (〔〕【】［］（）[]()) → "()", compatibility ideographs
/// → unified ideographs, Traditional → Simplified (OpenCC TSPhrases, then TSCharacters, plus variants OpenCC keeps
/// but the samples mix: 著→着, 茍→苟 …). Documents and queries go through the same fold, so mixed
/// Traditional/Simplified text (domain.md §5.7) meets its Simplified form.
/// </summary>
internal sealed class TextNormalizer
{
    // Variants that OpenCC t2s leaves alone but that Simplified texts write differently (domain.md §5.7).
    private static readonly (char From, char To)[] ExtraVariants =
    [
        ('著', '着'), ('茍', '苟'), ('衞', '卫'), ('敍', '叙'), ('値', '值'), ('牠', '它'),
    ];

    private readonly char[] _pre = new char[65536];   // width, bracket, case and compatibility folds
    private readonly char[] _full = new char[65536];  // _pre followed by the Traditional→Simplified character map
    private readonly bool[] _slow = new bool[65536];  // the character needs the general path (phrase start, surrogate, 1→n)
    private readonly Dictionary<string, string> _phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly bool[] _phraseFirst = new bool[65536];
    private readonly Dictionary<int, string> _astral = new();      // supplementary code point → folded text
    private readonly Dictionary<char, string> _bmpMulti = new();   // BMP char whose Simplified form is not one BMP char
    private readonly int _maxPhrase;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public TextNormalizer(string tsCharacters, string tsPhrases)
    {
        for (int i = 0; i < 65536; i++) _pre[i] = (char)i;
        for (int c = 0xF900; c <= 0xFAFF; c++) FoldCompat(c);
        for (int c = 0x2E80; c <= 0x2FDF; c++) FoldCompat(c); // CJK and Kangxi radicals written for ideographs
        for (int c = 0xFF01; c <= 0xFF5E; c++) _pre[c] = (char)(c - 0xFEE0);
        _pre[0x3000] = ' ';
        _pre[0x00A0] = ' ';
        for (int c = 0; c < 0x2000; c++)
        {
            var p = _pre[c];
            if (p < 0x2000 && char.IsUpper(p)) _pre[c] = char.ToLowerInvariant(p);
        }
        for (int c = 0xFF21; c <= 0xFF3A; c++) _pre[c] = (char)(c - 0xFF21 + 'a');
        foreach (var open in "[〔【［（〖﹝﹙(") _pre[open] = '(';
        foreach (var close in "]〕】］）〗﹞﹚)") _pre[close] = ')';
        for (int c = 0xD800; c <= 0xDFFF; c++) _slow[c] = true;

        var ts = new char[65536];
        for (int i = 0; i < 65536; i++) ts[i] = (char)i;
        foreach (var (key, value) in ParseTable(tsCharacters))
        {
            if (key.Length == 1 && value.Length == 1) ts[key[0]] = value[0];
            else if (key.Length == 1) _bmpMulti[key[0]] = value;
            else if (char.IsSurrogatePair(key, 0) && key.Length == 2) _astral[char.ConvertToUtf32(key, 0)] = value;
        }
        foreach (var (from, to) in ExtraVariants) ts[from] = to;
        for (int i = 0; i < 65536; i++)
        {
            _full[i] = ts[_pre[i]];
            if (_bmpMulti.ContainsKey(_pre[i])) _slow[i] = true;
        }

        foreach (var (key, value) in ParseTable(tsPhrases))
        {
            // A phrase whose Simplified form has another length (二噁英 → 二𫫇英) is left to the character map
            // (二恶英, the usual mainland spelling): a token inside it must fold the same on its own.
            if (key.Length < 2 || value.Length != key.Length) continue;
            _phrases[key] = value;
            _maxPhrase = Math.Max(_maxPhrase, key.Length);
            _phraseFirst[key[0]] = true;
        }
        for (int i = 0; i < 65536; i++)
            if (_phraseFirst[_pre[i]]) _slow[i] = true;
        _phraseLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private void FoldCompat(int c)
    {
        var s = ((char)c).ToString().Normalize(NormalizationForm.FormKC);
        if (s.Length == 1 && s[0] != c) _pre[c] = s[0];
    }

    private static IEnumerable<(string Key, string Value)> ParseTable(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var rest = line.AsSpan(tab + 1).TrimEnd('\r');
            var sp = rest.IndexOf(' ');
            yield return (line[..tab], (sp < 0 ? rest : rest[..sp]).ToString());
        }
    }

    /// <summary>The folded form of one BMP character, ignoring phrases (what a character fold can do alone).</summary>
    public char FoldChar(char c) => _full[c];

    public string Normalize(string text)
    {
        var buf = new NormalizedText();
        Normalize(text, buf);
        return new string(buf.Chars, 0, buf.Length);
    }

    /// <summary>
    /// Writes the folded text into <paramref name="dst"/>. The offset map (output index → input index, with one extra
    /// entry for the end) is filled only when some fold changed the length; otherwise output index = input index.
    /// </summary>
    public void Normalize(ReadOnlySpan<char> src, NormalizedText dst)
    {
        dst.Reset(src.Length);
        var chars = dst.Chars;
        int[]? map = null;
        var full = _full;
        var slow = _slow;
        int n = src.Length, o = 0, i = 0;
        while (i < n)
        {
            char c = src[i];
            if (!slow[c])
            {
                if (map != null) map[o] = i;
                chars[o++] = full[c];
                i++;
                continue;
            }
            SlowChar(src, ref i, dst, ref o);
            chars = dst.Chars;
            if (dst.HasMap) map = dst.Map;
        }
        dst.Finish(o, n);
    }

    private void SlowChar(ReadOnlySpan<char> src, ref int i, NormalizedText dst, ref int o)
    {
        int n = src.Length;
        char c = src[i];
        {
            // Phrase first: OpenCC's phrase table fixes the characters whose character fold is wrong in context (乾隆, 瞭望…).
            if (_phraseFirst[_pre[c]] && TryPhrase(src, i, dst, ref o, out var consumed))
            {
                i += consumed;
                return;
            }
            if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(src[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, src[i + 1]);
                if (_astral.TryGetValue(cp, out var rep) || TryCompatAstral(cp, out rep))
                {
                    if (rep.Length != 2) dst.EnsureMap(o, i);
                    for (int k = 0; k < rep.Length; k++) dst.Put(ref o, rep[k], i);
                    i += 2;
                    return;
                }
                dst.Put(ref o, c, i);
                dst.Put(ref o, src[i + 1], i + 1);
                i += 2;
                return;
            }
            if (_bmpMulti.TryGetValue(_pre[c], out var multi))
            {
                if (multi.Length != 1) dst.EnsureMap(o, i);
                for (int k = 0; k < multi.Length; k++) dst.Put(ref o, multi[k], i);
                i++;
                return;
            }
            dst.Put(ref o, _full[c], i);
            i++;
        }
    }

    private readonly Dictionary<int, string> _compatAstralCache = new();

    private bool TryCompatAstral(int cp, out string rep)
    {
        rep = "";
        if (cp < 0x2F800 || cp > 0x2FA1F) return false;
        rep = char.ConvertFromUtf32(cp).Normalize(NormalizationForm.FormC);
        if (rep.Length == 1) rep = _full[rep[0]].ToString();
        return true;
    }

    private bool TryPhrase(ReadOnlySpan<char> src, int i, NormalizedText dst, ref int o, out int consumed)
    {
        consumed = 0;
        int max = Math.Min(_maxPhrase, src.Length - i);
        if (max < 2) return false;
        Span<char> key = stackalloc char[max];
        for (int k = 0; k < max; k++) key[k] = _pre[src[i + k]];
        for (int len = max; len >= 2; len--)
        {
            if (!_phraseLookup.TryGetValue(key[..len], out var value)) continue;
            if (value.Length != len) dst.EnsureMap(o, i);
            for (int k = 0; k < value.Length; k++) dst.Put(ref o, value[k], i + Math.Min(k, len - 1));
            consumed = len;
            return true;
        }
        return false;
    }
}

/// <summary>Reusable output of <see cref="TextNormalizer"/>: folded characters and, when lengths changed, the offset map.</summary>
internal sealed class NormalizedText
{
    public char[] Chars = new char[256];
    public int[] Map = new int[257];
    public int Length;
    public int SourceLength;
    /// <summary>False while every output character sits at the same index as its input character.</summary>
    public bool HasMap;

    public void Reset(int sourceLength)
    {
        if (Chars.Length < 2 * sourceLength + 8) Chars = new char[2 * sourceLength + 8];
        HasMap = false;
        Length = 0;
        SourceLength = sourceLength;
    }

    /// <summary>Switches to an explicit map at output index <paramref name="o"/> (input index <paramref name="i"/>): all before is identity.</summary>
    public void EnsureMap(int o, int i)
    {
        if (HasMap) return;
        if (Map.Length < Chars.Length + 1) Map = new int[Chars.Length + 1];
        // Everything written so far was 1:1 except surrogate pairs copied as they are, which are also 1:1.
        for (int k = 0; k < o; k++) Map[k] = k;
        HasMap = true;
    }

    public void Put(ref int o, char c, int sourceIndex)
    {
        if (o >= Chars.Length - 2) Array.Resize(ref Chars, Chars.Length * 2);
        if (HasMap)
        {
            if (Map.Length < Chars.Length + 1) Array.Resize(ref Map, Chars.Length + 1);
            Map[o] = sourceIndex;
        }
        Chars[o++] = c;
    }

    public void Finish(int o, int n)
    {
        Length = o;
        if (HasMap)
        {
            if (Map.Length < o + 1) Array.Resize(ref Map, o + 1);
            Map[o] = n;
        }
    }

    /// <summary>Input index of output index <paramref name="k"/> (0 ≤ k ≤ Length).</summary>
    public int ToSource(int k) => HasMap ? Map[k] : k;
}
