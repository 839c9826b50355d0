using System.Runtime.CompilerServices;

namespace Portal.Indexing.Analysis;

/// <summary>
/// Chinese analyzer for the portal's index: folds the text (<see cref="Normalize"/>), segments it with jieba's
/// algorithm (prefix dictionary → DAG → maximum-probability route; HMM Viterbi over runs of characters the dictionary
/// does not cover) and returns token streams whose offsets point into the original text. Instances are immutable
/// and safe to share between threads; per-call buffers are thread-local.
/// </summary>
public sealed class ChineseAnalyzer
{
    private static readonly Lazy<SharedData> Shared = new(() => new SharedData(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ChineseAnalyzer> DefaultInstance = new(() => Build(new AnalyzerOptions(), fresh: true), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<WordDictionary> BaseDictionary = new(() => Shared.Value.LoadBaseDictionary(), LazyThreadSafetyMode.ExecutionAndPublication);

    // Number followed by one of these becomes one token (41号, 2024年, 3个), the way users type them.
    private const string Units = "年月日号条个项期次名位篇章节款届家人万亿元分岁天周时倍件份批类级";

    private readonly TextNormalizer _normalizer;
    private readonly HmmModel _hmm;
    private readonly WordDictionary _dict;
    private readonly double[] _logF;
    private readonly double _logTotal;

    [ThreadStatic] private static Scratch? t_scratch;

    private ChineseAnalyzer(SharedData shared, WordDictionary dict)
    {
        _normalizer = shared.Normalizer;
        _hmm = shared.Hmm;
        _dict = dict;
        _logF = dict.LogFreqs;
        _logTotal = dict.LogTotal;
    }

    /// <summary>Embedded jieba dictionary plus the domain dictionary; built once on first use.</summary>
    public static ChineseAnalyzer Default => DefaultInstance.Value;

    public static ChineseAnalyzer Create(AnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UseDomainDictionary && (options.UserWords is null || options.UserWords.Count == 0)) return Default;
        return Build(options, fresh: false);
    }

    private static ChineseAnalyzer Build(AnalyzerOptions options, bool fresh)
    {
        var shared = Shared.Value;
        var dict = fresh ? shared.LoadBaseDictionary() : BaseDictionary.Value.Clone();
        dict.Freeze();
        var extra = new List<UserWord>();
        if (options.UseDomainDictionary) extra.AddRange(shared.DomainWords);
        extra.AddRange(options.UserWords ?? []);
        if (extra.Count > 0)
        {
            // Like jieba's add_word: a word without a frequency gets just enough weight to beat its own best split
            // (suggest_freq), computed against the dictionary as it stands when the word is added.
            var probe = new ChineseAnalyzer(shared, dict);
            var adds = new List<(string Word, int Freq)>();
            foreach (var uw in extra)
            {
                var word = shared.Normalizer.Normalize((uw.Word ?? "").Trim());
                if (word.Length == 0 || word.Length > 64 || word.AsSpan().IndexOfAny(" \t\r\n") >= 0) continue;
                adds.Add((word, uw.Frequency is > 0 ? uw.Frequency.Value : probe.SuggestFreq(word)));
            }
            // Suggested frequencies are computed against the dictionary before any addition (jieba recomputes
            // after each add_word; the difference is a rounding of the total, not of the order of words).
            foreach (var (word, freq) in adds) dict.Add(word, freq);
            dict.Freeze();
        }
        return new ChineseAnalyzer(shared, dict);
    }

    private int SuggestFreq(string word)
    {
        double logp = 0;
        var s = GetScratch();
        s.Norm.Reset(word.Length);
        word.CopyTo(s.Norm.Chars);
        s.Norm.Finish(word.Length, word.Length);
        s.Segs.Clear();
        CutBlock(s.Norm.Chars, 0, word.Length, s, hmm: false);
        foreach (var seg in s.Segs.AsSpan())
        {
            int f = _dict.GetFreq(word.AsSpan(seg.Start, seg.End - seg.Start));
            logp += Math.Log(Math.Max(f, 1)) - _logTotal;
        }
        double est = Math.Exp(logp + _logTotal) + 1;
        return (int)Math.Clamp(Math.Max(est, _dict.GetFreq(word) + 1), 1, 10_000_000);
    }

    /// <summary>The folded text: half-width, lower-case Latin, Simplified, one bracket form.</summary>
    public string Normalize(string text) => _normalizer.Normalize(text ?? "");

    /// <summary>The fold itself, with its offset map (the SmartCn analyzer runs it as a Lucene char filter).</summary>
    internal TextNormalizer Normalizer => _normalizer;

    /// <summary>The words in order, original surface forms; punctuation and spaces dropped.</summary>
    public IReadOnlyList<Token> Cut(string text)
    {
        var list = new List<Token>();
        Cut(text, list);
        return list;
    }

    public void Cut(string text, List<Token> output)
    {
        text ??= "";
        var s = Prepare(text);
        var norm = s.Norm;
        int pos = 0;
        foreach (ref readonly var seg in s.Segs.AsSpan())
        {
            int a = norm.ToSource(seg.Start), b = norm.ToSource(seg.End);
            if (b <= a) continue;
            output.Add(new Token(s.Strings.Get(text.AsSpan(a, b - a)), a, b - a, pos++));
        }
    }

    /// <summary>The words (normalised) plus, before each word of 3 or more characters, the dictionary words inside it (jieba's cut_for_search); those share the long word's position.</summary>
    public IReadOnlyList<Token> Search(string text)
    {
        var list = new List<Token>();
        Search(text, list);
        return list;
    }

    public void Search(string text, List<Token> output)
    {
        text ??= "";
        var s = Prepare(text);
        var norm = s.Norm;
        var chars = norm.Chars;
        int pos = 0;
        foreach (ref readonly var seg in s.Segs.AsSpan())
        {
            int len = seg.End - seg.Start;
            if (seg.Split > 0)
            {
                Emit(output, s, seg.Start, seg.Split, pos);
                Emit(output, s, seg.Split, seg.End, pos);
            }
            if (len > 2 && seg.Kind == SegKind.Han)
            {
                // jieba's cut_for_search emits the dictionary 2- and 3-grams; we go on to every shorter dictionary
                // word (4-grams inside 政府信息公开 …), shortest first, so long domain terms keep their parts searchable.
                for (int n = 2; n < len; n++)
                    for (int i = seg.Start; i + n <= seg.End; i++)
                        if (IsWord(chars, i, n) && !(seg.Split > 0 && (i == seg.Start && i + n == seg.Split || i == seg.Split && i + n == seg.End)))
                            Emit(output, s, i, i + n, pos);
            }
            Emit(output, s, seg.Start, seg.End, pos);
            pos++;
        }
    }

    /// <summary>Overlapping bigrams of each run of CJK characters (a lone character stands alone), plus the Latin/number tokens; normalised, consecutive positions.</summary>
    public IReadOnlyList<Token> Bigrams(string text)
    {
        var list = new List<Token>();
        Bigrams(text, list);
        return list;
    }

    public void Bigrams(string text, List<Token> output)
    {
        text ??= "";
        var s = GetScratch();
        _normalizer.Normalize(text, s.Norm);
        var chars = s.Norm.Chars;
        int n = s.Norm.Length, pos = 0, i = 0;
        while (i < n)
        {
            char c = chars[i];
            if (IsHan(c))
            {
                int j = i + 1;
                while (j < n && IsHan(chars[j])) j++;
                if (j - i == 1) Emit(output, s, i, j, pos++);
                else for (int k = i; k + 1 < j; k++) Emit(output, s, k, k + 2, pos++);
                i = j;
            }
            else if (IsAsciiAlnum(c))
            {
                int j = ScanAlnum(chars, i, n);
                Emit(output, s, i, j, pos++);
                i = j;
            }
            else if (IsOtherWordChar(chars, i, n, out int w))
            {
                int j = i + w;
                while (j < n && !IsHan(chars[j]) && !IsAsciiAlnum(chars[j]) && IsOtherWordChar(chars, j, n, out w)) j += w;
                Emit(output, s, i, j, pos++);
                i = j;
            }
            else i++;
        }
    }

    private void Emit(List<Token> output, Scratch s, int start, int end, int pos)
    {
        var norm = s.Norm;
        int a = norm.ToSource(start), b = norm.ToSource(end);
        if (b <= a) return;
        output.Add(new Token(s.Strings.Get(norm.Chars.AsSpan(start, end - start)), a, b - a, pos));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsWord(char[] chars, int start, int len)
    {
        int node = _dict.First(chars[start]);
        for (int k = 1; k < len && node != 0; k++) node = _dict.Child(node, chars[start + k]);
        return node != 0 && _dict.FreqOf(node) > 0;
    }

    private static Scratch GetScratch() => t_scratch ??= new Scratch();

    /// <summary>Normalises and segments <paramref name="text"/> into the thread's scratch; the words (punctuation dropped) are in Segs.</summary>
    private Scratch Prepare(string text)
    {
        var s = GetScratch();
        _normalizer.Normalize(text, s.Norm);
        s.Segs.Clear();
        Segment(s.Norm.Chars, s.Norm.Length, s);
        MergeSearchUnits(s.Norm.Chars, s.Norm.Length, s.Segs);
        return s;
    }

    // ---- jieba: blocks, DAG, route, HMM ----------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsHan(char c) => (uint)(c - 0x4E00) <= 0x9FFF - 0x4E00 || (uint)(c - 0x3400) <= 0x4DBF - 0x3400;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiAlnum(char c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    /// <summary>jieba's re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&amp;\._%\-].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBlockChar(char c) => IsHan(c) || IsAsciiAlnum(c) || c is '+' or '#' or '&' or '.' or '_' or '%' or '-';

    /// <summary>A letter or digit outside jieba's blocks (accented Latin, kana, Hangul, supplementary ideographs…).</summary>
    private static bool IsOtherWordChar(char[] chars, int i, int n, out int width)
    {
        char c = chars[i];
        width = 1;
        if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(chars[i + 1]))
        {
            width = 2;
            return System.Text.Rune.IsLetterOrDigit(new System.Text.Rune(c, chars[i + 1]));
        }
        return char.IsLetterOrDigit(c);
    }

    private void Segment(char[] t, int n, Scratch s)
    {
        int i = 0;
        while (i < n)
        {
            char c = t[i];
            if (IsBlockChar(c))
            {
                int j = i + 1;
                while (j < n && IsBlockChar(t[j])) j++;
                CutBlock(t, i, j, s, hmm: true);
                i = j;
            }
            else if (IsOtherWordChar(t, i, n, out int w))
            {
                int j = i + w;
                while (j < n && !IsBlockChar(t[j]) && IsOtherWordChar(t, j, n, out w)) j += w;
                s.Segs.Add(new Seg(i, j, SegKind.Alnum));
                i = j;
            }
            else i++;
        }
    }

    /// <summary>jieba's __cut_DAG over one block [b, e): the best route, single characters buffered and handed to the HMM.</summary>
    private void CutBlock(char[] t, int b, int e, Scratch s, bool hmm)
    {
        int len = e - b;
        s.EnsureRoute(len + 1);
        var routeP = s.RouteP;
        var routeX = s.RouteX;
        var lp = _logF;
        double logTotal = _logTotal;
        var (root, edges, mask, shift, kids) = _dict.Tables;
        double minusLogTotal = -_logTotal;
        routeP[len] = 0;
        for (int idx = e - 1; idx >= b; idx--)
        {
            int r = idx - b;
            double best = double.NegativeInfinity;
            int bestX = -1;
            int node = root[t[idx]];
            int k = idx;
            while (node != 0)
            {
                double w = lp[node];
                if (!double.IsNaN(w))
                {
                    double cand = (w - logTotal) + routeP[k + 1 - b];
                    if (cand >= best) { best = cand; bestX = k; } // ties go to the longer word, as jieba's max over (prob, x)
                }
                if (++k >= e || kids[node] == 0) break;
                // Inlined WordDictionary.Child: linear probing over (parent, char) → child.
                ulong key = ((ulong)(uint)node << 16) | t[k];
                int h = (int)((key * 0x9E3779B97F4A7C15UL) >> shift);
                node = 0;
                while (true)
                {
                    ulong en = edges[h];
                    if (en >> 24 == key) { node = (int)(en & 0xFFFFFF); break; }
                    if (en == 0) break;
                    h = (h + 1) & mask;
                }
            }
            if (bestX < 0) { best = minusLogTotal + routeP[r + 1]; bestX = idx; }
            routeP[r] = best;
            routeX[r] = bestX;
        }

        int x = b, buf = -1;
        while (x < e)
        {
            int y = routeX[x - b] + 1;
            if (y - x == 1)
            {
                if (buf < 0) buf = x;
            }
            else
            {
                if (buf >= 0) { FlushBuffer(t, buf, x, s, hmm); buf = -1; }
                AddSeg(t, x, y, s);
            }
            x = y;
        }
        if (buf >= 0) FlushBuffer(t, buf, e, s, hmm);
    }

    private void FlushBuffer(char[] t, int b, int e, Scratch s, bool hmm)
    {
        if (e - b == 1 || !hmm) { for (int i = b; i < e; i++) AddSeg(t, i, i + 1, s); return; }
        if (_dict.GetFreq(t.AsSpan(b, e - b)) > 0) { for (int i = b; i < e; i++) AddSeg(t, i, i + 1, s); return; }
        // finalseg.cut: Han runs through Viterbi; the rest split by re_skip ([a-zA-Z0-9]+(?:\.\d+)?%?).
        int p = b;
        while (p < e)
        {
            if (IsHan(t[p]))
            {
                int q = p + 1;
                while (q < e && IsHan(t[q])) q++;
                Viterbi(t, p, q, s);
                p = q;
            }
            else if (IsAsciiAlnum(t[p]))
            {
                int q = ScanAlnum(t, p, e);
                AddSeg(t, p, q, s);
                p = q;
            }
            else
            {
                int q = p + 1;
                while (q < e && !IsHan(t[q]) && !IsAsciiAlnum(t[q])) q++;
                AddSeg(t, p, q, s);
                p = q;
            }
        }
    }

    /// <summary>[a-z0-9]+(?:\.\d+)?%? starting at <paramref name="p"/>; returns the end.</summary>
    private static int ScanAlnum(char[] t, int p, int e)
    {
        int q = p;
        while (q < e && IsAsciiAlnum(t[q])) q++;
        if (q + 1 < e && t[q] == '.' && (uint)(t[q + 1] - '0') <= 9)
        {
            q += 2;
            while (q < e && (uint)(t[q] - '0') <= 9) q++;
        }
        if (q < e && t[q] == '%') q++;
        return q;
    }

    private void Viterbi(char[] t, int b, int e, Scratch s)
    {
        int n = e - b;
        if (n == 0) return;
        s.EnsureViterbi(n);
        var v = s.V;
        var bp = s.Back;
        var tr = _hmm.Trans;
        var em = _hmm.Emit;
        double[] eB = em[HmmModel.B], eE = em[HmmModel.E], eM = em[HmmModel.M], eS = em[HmmModel.S];
        char c0 = t[b];
        v[0] = _hmm.Start[0] + eB[c0];
        v[1] = _hmm.Start[1] + eE[c0];
        v[2] = _hmm.Start[2] + eM[c0];
        v[3] = _hmm.Start[3] + eS[c0];
        double tEB = tr[1 * 4 + 0], tSB = tr[3 * 4 + 0], tMM = tr[2 * 4 + 2], tBM = tr[0 * 4 + 2];
        double tSS = tr[3 * 4 + 3], tES = tr[1 * 4 + 3], tBE = tr[0 * 4 + 1], tME = tr[2 * 4 + 1];
        for (int i = 1; i < n; i++)
        {
            char c = t[b + i];
            int p = (i - 1) * 4, q = i * 4;
            double pB = v[p], pE = v[p + 1], pM = v[p + 2], pS = v[p + 3];
            // Each state has two predecessors; on a tie jieba's max over (prob, state) keeps the later letter.
            double a = pE + tEB + eB[c], z = pS + tSB + eB[c];
            if (z >= a) { v[q] = z; bp[q] = HmmModel.S; } else { v[q] = a; bp[q] = HmmModel.E; }
            a = pB + tBE + eE[c]; z = pM + tME + eE[c];
            if (z >= a) { v[q + 1] = z; bp[q + 1] = HmmModel.M; } else { v[q + 1] = a; bp[q + 1] = HmmModel.B; }
            a = pB + tBM + eM[c]; z = pM + tMM + eM[c];
            if (z >= a) { v[q + 2] = z; bp[q + 2] = HmmModel.M; } else { v[q + 2] = a; bp[q + 2] = HmmModel.B; }
            a = pE + tES + eS[c]; z = pS + tSS + eS[c];
            if (z >= a) { v[q + 3] = z; bp[q + 3] = HmmModel.S; } else { v[q + 3] = a; bp[q + 3] = HmmModel.E; }
        }
        int last = (n - 1) * 4;
        int state = v[last + 3] >= v[last + 1] ? HmmModel.S : HmmModel.E;
        var path = s.Path;
        for (int i = n - 1; i >= 0; i--)
        {
            path[i] = (byte)state;
            if (i > 0) state = bp[i * 4 + state];
        }
        int begin = 0, next = 0;
        for (int i = 0; i < n; i++)
        {
            switch (path[i])
            {
                case HmmModel.B: begin = i; break;
                case HmmModel.E: AddSeg(t, b + begin, b + i + 1, s); next = i + 1; break;
                case HmmModel.S: AddSeg(t, b + i, b + i + 1, s); next = i + 1; break;
            }
        }
        if (next < n) AddSeg(t, b + next, e, s);
    }

    /// <summary>Keeps a word; pieces without a letter, digit or ideograph (punctuation, "--") are dropped.</summary>
    private static void AddSeg(char[] t, int start, int end, Scratch s)
    {
        var kind = SegKind.None;
        for (int i = start; i < end; i++)
        {
            char c = t[i];
            if (IsHan(c)) { kind = SegKind.Han; break; }
            if (IsAsciiAlnum(c) || char.IsLetterOrDigit(c)) kind = SegKind.Alnum;
        }
        if (kind != SegKind.None) s.Segs.Add(new Seg(start, end, kind));
    }

    /// <summary>
    /// Joins what users search as one unit (domain.md §5.9): a number and its unit (41号, 2024年, 20xx年), and a
    /// Latin issuer prefix with the issuer code before a 文号 bracket (X政办发〔…〕). Search streams also carry the parts.
    /// </summary>
    private static void MergeSearchUnits(char[] t, int n, SegList segs)
    {
        var a = segs.AsSpan();
        int w = 0;
        for (int r = 0; r < a.Length; r++)
        {
            var cur = a[r];
            if (cur.Kind == SegKind.Alnum && r + 1 < a.Length)
            {
                var next = a[r + 1];
                if (next.Start == cur.End && next.End - next.Start == 1 && Units.Contains(t[next.Start]) && IsNumberLike(t, cur.Start, cur.End))
                {
                    a[w++] = new Seg(cur.Start, next.End, SegKind.Han, cur.End);
                    r++;
                    continue;
                }
                if (IsAsciiLetters(t, cur.Start, cur.End) && cur.End - cur.Start <= 4 && next.Start == cur.End && next.Kind == SegKind.Han)
                {
                    int j = r + 1, end = next.End;
                    while (j + 1 < a.Length && a[j + 1].Start == a[j].End && a[j + 1].Kind == SegKind.Han && a[j + 1].Split == 0 && a[j + 1].End - cur.End <= 6)
                    {
                        j++;
                        end = a[j].End;
                    }
                    // Only when a 文号 bracket with a year follows: "X政办发(2024)" or "(20xx)".
                    while (j > r && !(end + 1 < n && t[end] == '(' && (IsAsciiAlnum(t[end + 1]))))
                    {
                        j--;
                        end = a[j].End;
                    }
                    if (j > r && end - cur.End <= 6)
                    {
                        a[w++] = new Seg(cur.Start, end, SegKind.Han, cur.End);
                        r = j;
                        continue;
                    }
                }
            }
            a[w++] = cur;
        }
        segs.Truncate(w);
    }

    private static bool IsNumberLike(char[] t, int s, int e)
    {
        bool digit = false;
        for (int i = s; i < e; i++)
        {
            char c = t[i];
            if ((uint)(c - '0') <= 9) digit = true;
            else if (c != 'x' && c != '.') return false;
        }
        return digit || (e - s is >= 1 and <= 4);
    }

    private static bool IsAsciiLetters(char[] t, int s, int e)
    {
        for (int i = s; i < e; i++) if ((uint)((t[i] | 0x20) - 'a') > 'z' - 'a') return false;
        return true;
    }

    // ---- data -------------------------------------------------------------------------------------------------

    private sealed class SharedData
    {
        public readonly TextNormalizer Normalizer;
        public readonly HmmModel Hmm;
        public readonly IReadOnlyList<UserWord> DomainWords;
        private WordDictionary? _first;

        public SharedData()
        {
            var dict = Task.Run(ReadDictionary);
            var hmm = Task.Run(() => new HmmModel(EmbeddedData.ReadText(EmbeddedData.HmmModel)));
            Normalizer = new TextNormalizer(EmbeddedData.ReadText(EmbeddedData.TsCharacters), EmbeddedData.ReadText(EmbeddedData.TsPhrases));
            DomainWords = ParseDomain(EmbeddedData.ReadText(EmbeddedData.DomainDict));
            _first = dict.Result;
            Hmm = hmm.Result;
        }

        private static WordDictionary ReadDictionary()
        {
            using var s = EmbeddedData.Open(EmbeddedData.JiebaTrie) ?? throw new InvalidOperationException("Embedded jieba.trie.gz missing; run scripts/update-analyzer-data.sh");
            return WordDictionary.ReadBinary(s);
        }

        /// <summary>A private copy of jieba's dictionary (the first caller gets the one read at start-up).</summary>
        public WordDictionary LoadBaseDictionary() => Interlocked.Exchange(ref _first, null) ?? ReadDictionary();

        private static List<UserWord> ParseDomain(string text)
        {
            var list = new List<UserWord>();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                list.Add(new UserWord(parts[0], parts.Length > 1 && int.TryParse(parts[1], out var f) ? f : null));
            }
            return list;
        }
    }

    internal enum SegKind : byte { None, Han, Alnum }

    /// <summary>A word in normalised coordinates; <see cref="Split"/> &gt; 0 marks a merged unit (number|unit, Latin|issuer).</summary>
    internal readonly record struct Seg(int Start, int End, SegKind Kind, int Split = 0);

    internal sealed class SegList
    {
        private Seg[] _items = new Seg[256];
        private int _count;
        public void Clear() => _count = 0;
        public void Add(Seg s)
        {
            if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
            _items[_count++] = s;
        }
        public Span<Seg> AsSpan() => _items.AsSpan(0, _count);
        public void Truncate(int n) => _count = n;
    }

    private sealed class Scratch
    {
        public readonly NormalizedText Norm = new();
        public readonly SegList Segs = new();
        public readonly StringCache Strings = new();
        public double[] RouteP = new double[256];
        public int[] RouteX = new int[256];
        public double[] V = new double[1024];
        public int[] Back = new int[1024];
        public byte[] Path = new byte[256];

        public void EnsureRoute(int n)
        {
            if (RouteP.Length < n) { RouteP = new double[n * 2]; RouteX = new int[n * 2]; }
        }

        public void EnsureViterbi(int n)
        {
            if (V.Length < n * 4) { V = new double[n * 8]; Back = new int[n * 8]; }
            if (Path.Length < n) Path = new byte[n * 2];
        }
    }

    /// <summary>Per-thread cache of short token strings: the same words recur constantly, so most tokens reuse a string.</summary>
    private sealed class StringCache
    {
        private const int Size = 4096;
        private readonly string[] _slots = new string[Size];

        public string Get(ReadOnlySpan<char> span)
        {
            if (span.Length > 8) return new string(span);
            uint hash = 2166136261;
            foreach (char c in span) hash = (hash ^ c) * 16777619;
            int h = (int)(hash ^ (hash >> 15)) & (Size - 1);
            var hit = _slots[h];
            if (hit != null && span.SequenceEqual(hit)) return hit;
            var s = new string(span);
            _slots[h] = s;
            return s;
        }
    }
}
