using System.Numerics;
using System.Runtime.CompilerServices;

namespace Portal.Indexing.Analysis;

/// <summary>
/// jieba's prefix dictionary as a character trie: the first character indexes an array, deeper edges live in one
/// open-addressing table keyed by (node, char). Walking a sentence position by position costs one probe per
/// character, with no strings allocated. Frequencies follow jieba (log(freq) − log(total)); words added later
/// (domain and user dictionaries) raise the total exactly as jieba's add_word does.
/// </summary>
internal sealed class WordDictionary
{
    private int[] _root = new int[65536];
    // One entry per edge: parent (24 bits) | char (16 bits) | child (24 bits); 0 = empty. One cache line per probe.
    private ulong[] _edges;
    private int _mask;
    private int _shift;
    private int _edgeCount;
    private int[] _freq;
    // 1 when the node has children: the walk stops at a leaf without probing the edge table (a miss costs the most).
    private byte[] _kids = new byte[1 << 10];
    private int _nodeCount = 1; // node 0 is the root
    private double[] _logF = []; // log(freq) per node, NaN for a mere prefix; filled by Freeze, kept up to date by Set

    public long Total { get; private set; }
    public double LogTotal { get; private set; }
    public int NodeCount => _nodeCount;

    public WordDictionary(int capacityBits = 20)
    {
        _edges = new ulong[1 << capacityBits];
        _mask = (1 << capacityBits) - 1;
        _shift = 64 - capacityBits;
        _freq = new int[1 << 10];
    }

    private WordDictionary(WordDictionary other)
    {
        _root = (int[])other._root.Clone();
        _edges = (ulong[])other._edges.Clone();
        _mask = other._mask;
        _shift = other._shift;
        _edgeCount = other._edgeCount;
        _freq = (int[])other._freq.Clone();
        _kids = (byte[])other._kids.Clone();
        _nodeCount = other._nodeCount;
        Total = other.Total;
        _logF = (double[])other._logF.Clone();
        LogTotal = other.LogTotal;
    }

    public WordDictionary Clone() => new(this);

    private const int Magic = 0x3244_4A50; // "PJD2"

    /// <summary>
    /// Writes the trie as it sits in memory (root array, edge table, frequencies), so loading is a decompress and a
    /// copy instead of 349,000 inserts: start-up drops from about a second to tens of milliseconds.
    /// Written by scripts/update-analyzer-data.sh; the layout depends on <see cref="Slot"/>, hence the version check.
    /// </summary>
    public void WriteBinary(Stream output)
    {
        using var w = new BinaryWriter(output, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(64 - _shift);
        w.Write(_nodeCount);
        w.Write(_edgeCount);
        w.Write(Total);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_root.AsSpan()));
        // The edge table is half empty: an occupancy bitmap plus the occupied entries in slot order.
        var bitmap = new ulong[_edges.Length / 64];
        var used = new ulong[_edgeCount];
        int u = 0;
        for (int i = 0; i < _edges.Length; i++)
            if (_edges[i] != 0) { bitmap[i >> 6] |= 1UL << (i & 63); used[u++] = _edges[i]; }
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bitmap.AsSpan()));
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(used.AsSpan(0, u)));
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_freq.AsSpan(0, _nodeCount)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static WordDictionary ReadBinary(Stream input)
    {
        Span<byte> head = stackalloc byte[24];
        input.ReadExactly(head);
        if (BitConverter.ToInt32(head) != Magic) throw new InvalidDataException("jieba.trie: bad magic");
        int bits = BitConverter.ToInt32(head[4..]);
        var d = new WordDictionary(bits);
        d._nodeCount = BitConverter.ToInt32(head[8..]);
        d._edgeCount = BitConverter.ToInt32(head[12..]);
        d.Total = BitConverter.ToInt64(head[16..]);
        input.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(d._root.AsSpan()));
        var bitmap = new ulong[d._edges.Length / 64];
        input.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bitmap.AsSpan()));
        var used = new ulong[d._edgeCount];
        input.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(used.AsSpan()));
        var edges = d._edges;
        int u = 0;
        for (int w = 0; w < bitmap.Length; w++)
        {
            ulong word = bitmap[w];
            while (word != 0)
            {
                int b = BitOperations.TrailingZeroCount(word);
                edges[(w << 6) + b] = used[u++];
                word &= word - 1;
            }
        }
        d._freq = new int[Math.Max(d._nodeCount + 1024, 1 << 10)];
        input.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(d._freq.AsSpan(0, d._nodeCount)));
        d._kids = new byte[d._freq.Length];
        foreach (var e in used) d._kids[(int)(e >> 40)] = 1;
        return d;
    }

    /// <summary>Parses jieba's "word freq [tag]" lines; Latin is lower-cased to meet the normalised text.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void LoadJieba(string text, TextNormalizer? normalizer = null)
    {
        var span = text.AsSpan();
        Span<char> word = stackalloc char[64];
        List<(string Word, int Freq)>? folded = normalizer is null ? null : new();
        while (!span.IsEmpty)
        {
            int nl = span.IndexOf('\n');
            var line = nl < 0 ? span : span[..nl];
            span = nl < 0 ? default : span[(nl + 1)..];
            int sp = line.IndexOf(' ');
            if (sp <= 0 || sp > word.Length) continue;
            var rest = line[(sp + 1)..];
            int sp2 = rest.IndexOf(' ');
            var num = sp2 < 0 ? rest.TrimEnd('\r') : rest[..sp2];
            if (!int.TryParse(num, out var freq)) continue;
            var w = word[..sp];
            bool changed = false;
            for (int k = 0; k < sp; k++)
            {
                char c = line[k];
                if (c is >= 'A' and <= 'Z') c = (char)(c + 32);
                w[k] = c;
                if (normalizer != null && normalizer.FoldChar(c) != c) changed = true;
            }
            Set(w, freq);
            Total += freq;
            if (changed)
            {
                var f = new char[sp];
                for (int k = 0; k < sp; k++) f[k] = normalizer!.FoldChar(w[k]);
                folded!.Add((new string(f), freq));
            }
        }
        // A dictionary word with a variant the fold rewrites (显著 → 显着) must still be found in folded text:
        // register the folded spelling too, unless jieba already has it; the total is left as jieba computes it.
        if (folded != null)
            foreach (var (w, f) in folded)
                if (GetFreq(w) == 0) Set(w, f);
    }

    /// <summary>jieba's add_word: sets the frequency and adds it to the total.</summary>
    public void Add(ReadOnlySpan<char> word, int freq)
    {
        Total += freq;
        Set(word, freq);
    }

    /// <summary>Must be called after the last change: log(total), and log(freq) for nodes added since the last call.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Freeze()
    {
        LogTotal = Math.Log(Total);
        if (_logF.Length >= _nodeCount) return;
        int from = _logF.Length;
        Array.Resize(ref _logF, Math.Max(_nodeCount + 1024, from));
        for (int i = from; i < _logF.Length; i++)
            _logF[i] = i < _nodeCount && _freq[i] > 0 ? Math.Log(_freq[i]) : double.NaN;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Set(ReadOnlySpan<char> word, int freq)
    {
        if (word.IsEmpty) return;
        int node = _root[word[0]];
        if (node == 0) node = _root[word[0]] = NewNode();
        for (int i = 1; i < word.Length; i++)
        {
            int next = Child(node, word[i]);
            if (next == 0) next = AddChild(node, word[i]);
            node = next;
        }
        _freq[node] = freq;
        if (node < _logF.Length) _logF[node] = freq > 0 ? Math.Log(freq) : double.NaN;
    }

    public int GetFreq(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return 0;
        int node = _root[word[0]];
        for (int i = 1; i < word.Length && node != 0; i++) node = Child(node, word[i]);
        return node == 0 ? 0 : _freq[node];
    }

    private int NewNode()
    {
        if (_nodeCount >= _freq.Length) Array.Resize(ref _freq, _freq.Length * 2);
        if (_nodeCount >= _kids.Length) Array.Resize(ref _kids, _freq.Length);
        return _nodeCount++;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int AddChild(int node, char c)
    {
        if ((_edgeCount + 1) * 10 > _edges.Length * 6) Grow();
        int id = NewNode();
        if (id >= 1 << 24) throw new InvalidOperationException("Dictionary too large");
        ulong key = ((ulong)node << 16) | c;
        int h = Slot(key);
        while (_edges[h] != 0) h = (h + 1) & _mask;
        _edges[h] = (key << 24) | (uint)id;
        _kids[node] = 1;
        _edgeCount++;
        return id;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Grow()
    {
        var old = _edges;
        int bits = 64 - _shift + 1;
        _edges = new ulong[1 << bits];
        _mask = (1 << bits) - 1;
        _shift = 64 - bits;
        foreach (var e in old)
        {
            if (e == 0) continue;
            int h = Slot(e >> 24);
            while (_edges[h] != 0) h = (h + 1) & _mask;
            _edges[h] = e;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    /// <summary>Child of <paramref name="node"/> by <paramref name="c"/>, or 0. For node 0 use <see cref="First"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Child(int node, char c)
    {
        ulong key = ((ulong)(uint)node << 16) | c;
        var edges = _edges;
        int mask = _mask;
        int h = Slot(key);
        while (true)
        {
            ulong e = edges[h];
            if (e >> 24 == key) return (int)(e & 0xFFFFFF);
            if (e == 0) return 0;
            h = (h + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int First(char c) => _root[c];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasChildren(int node) => _kids[node] != 0;

    /// <summary>Frequency of the word ending at <paramref name="node"/> (0 for a mere prefix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FreqOf(int node) => _freq[node];

    /// <summary>log(freq) per node (NaN for a prefix that is not a word); subtract <see cref="LogTotal"/> for jieba's log-probability.</summary>
    public double[] LogFreqs => _logF;

    /// <summary>The raw tables for the segmenter's inner loop (read-only after <see cref="Freeze"/>).</summary>
    public (int[] Root, ulong[] Edges, int Mask, int Shift, byte[] Kids) Tables => (_root, _edges, _mask, _shift, _kids);
}
