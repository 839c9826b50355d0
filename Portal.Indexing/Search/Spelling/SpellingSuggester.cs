namespace Portal.Indexing.Search.Spelling;

/// <summary>
/// Answers typing errors from a vocabulary of indexed words with their document frequencies. The usual Chinese error
/// is a character with the same pinyin (督查督半 for 督查督办), so <see cref="Corrections"/> offers those first, then
/// words one character away; <see cref="Spelled"/> finds words from pinyin typed in Latin letters: initials (dcdb),
/// full syllables (duchaduban) or a mix. Built once per vocabulary snapshot (an index generation): three sorted key
/// tables, so a lookup is a few binary searches. Immutable, thread-safe.
/// </summary>
public sealed class SpellingSuggester
{
    // A polyphonic word has one key per combination of its readings; beyond this many the rarer readings are dropped.
    private const int MaxCombinations = 16;
    // Initials are packed 5 bits a letter into 60 bits: longer words are not found by their initials (nobody types 13).
    private const int MaxInitials = 12;
    private const int MaxSegmentations = 32;

    private readonly PinyinTable _pinyin;
    private readonly Func<string, string> _normalize;
    private readonly string[] _words;          // most frequent first: a word's position is its rank
    private readonly int[] _docFreq;
    private readonly Dictionary<string, int> _rank;
    private readonly Entry[] _homophones;      // hash of the reading ids → word
    private readonly Entry[] _blanked;         // hash of the word with one character blanked → word
    private readonly Entry[] _initials;        // packed initials → word
    private readonly HashSet<string> _syllables;
    private readonly HashSet<string> _syllablePrefixes;

    /// <param name="vocabulary">Words and their document frequencies (a word listed twice keeps its larger count). Only
    /// words of two or more characters that all have a pinyin reading take part; others are never suggested.</param>
    /// <param name="normalize">Folds a query word the way the index folded its words (Traditional → Simplified, width).</param>
    public SpellingSuggester(IEnumerable<(string Word, int DocFreq)> vocabulary, PinyinTable pinyin, Func<string, string>? normalize = null)
    {
        _pinyin = pinyin;
        _normalize = normalize ?? (w => w);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, df) in vocabulary)
            if (word.Length >= 2 && pinyin.IsReadable(word) && df > 0)
                frequencies[word] = Math.Max(df, frequencies.GetValueOrDefault(word));
        _words = frequencies.Keys.ToArray();
        _docFreq = _words.Select(w => frequencies[w]).ToArray();
        var order = Enumerable.Range(0, _words.Length).ToArray();
        var words = _words;
        var docFreq = _docFreq;
        Array.Sort(order, (a, b) => docFreq[a] != docFreq[b] ? docFreq[b].CompareTo(docFreq[a]) : string.CompareOrdinal(words[a], words[b]));
        _words = order.Select(i => words[i]).ToArray();
        _docFreq = order.Select(i => docFreq[i]).ToArray();
        _rank = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
        for (var i = 0; i < _words.Length; i++) _rank[_words[i]] = i;

        var homophones = new List<Entry>(_words.Length * 2);
        var blanked = new List<Entry>(_words.Length * 3);
        var initials = new List<Entry>(_words.Length * 2);
        for (var i = 0; i < _words.Length; i++)
        {
            var word = _words[i];
            foreach (var key in ReadingKeys(word)) homophones.Add(new Entry(key, i));
            for (var p = 0; p < word.Length; p++) blanked.Add(new Entry(BlankedHash(word, p, insert: false), i));
            if (word.Length <= MaxInitials)
                foreach (var key in InitialKeys(word)) initials.Add(new Entry(key, i));
        }
        _homophones = Sorted(homophones);
        _blanked = Sorted(blanked);
        _initials = Sorted(initials);

        _syllables = Enumerable.Range(0, pinyin.SyllableCount).Select(pinyin.Syllable).ToHashSet(StringComparer.Ordinal);
        _syllablePrefixes = _syllables.SelectMany(s => Enumerable.Range(1, s.Length).Select(n => s[..n])).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Words taking part (two or more characters, all with a reading).</summary>
    public int Count => _words.Length;

    /// <summary>The document frequency of a vocabulary word; 0 when it takes no part.</summary>
    public int DocFrequency(string word) => _rank.TryGetValue(word, out var i) ? _docFreq[i] : 0;

    /// <summary>
    /// The closest words to <paramref name="word"/>, best first: the same pinyin with other characters, then words one
    /// character away (one substituted, inserted or deleted), each group by document frequency; never the word itself.
    /// Lazy, so a caller can skip words its user may not see and stop when it has enough.
    /// </summary>
    public IEnumerable<string> Corrections(string word)
    {
        var query = _normalize(word ?? "").Trim();
        if (query.Length < 2 || !_pinyin.IsReadable(query)) yield break;
        var seen = new HashSet<int>();
        if (_rank.TryGetValue(query, out var self)) seen.Add(self);

        var homophones = new List<int>();
        foreach (var key in ReadingKeys(query))
            foreach (var i in Lookup(_homophones, key, key))
                if (SameReadings(_words[i], query) && seen.Add(i)) homophones.Add(i);
        homophones.Sort();
        foreach (var i in homophones) yield return _words[i];

        var edits = new List<int>();
        for (var p = 0; p <= query.Length; p++)
        {
            if (p < query.Length)
            {
                var key = BlankedHash(query, p, insert: false);
                foreach (var i in Lookup(_blanked, key, key))
                    if (_words[i].Length == query.Length && DiffersOnlyAt(_words[i], query, p) && seen.Add(i)) edits.Add(i);
                if (query.Length > 2 && _rank.TryGetValue(query.Remove(p, 1), out var shorter) && seen.Add(shorter)) edits.Add(shorter);
            }
            var longer = BlankedHash(query, p, insert: true);
            foreach (var i in Lookup(_blanked, longer, longer))
                if (_words[i].Length == query.Length + 1 && _words[i].Remove(p, 1) == query && seen.Add(i)) edits.Add(i);
        }
        edits.Sort();
        foreach (var i in edits) yield return _words[i];
    }

    /// <summary>
    /// Words whose pinyin the letters spell: initials (dcdb → 督查督办), whole syllables (duchaduban), or a mix, the last
    /// syllable possibly unfinished, so typing finds words as it goes. Words with exactly as many characters as the
    /// letters spell come first, then longer words beginning so; each by document frequency. Needs two letters at least.
    /// </summary>
    public IEnumerable<string> Spelled(string letters)
    {
        var typed = (letters ?? "").Trim().ToLowerInvariant();
        if (typed.Length < 2 || typed.Any(c => c is < 'a' or > 'z')) return [];
        var found = new Dictionary<int, bool>();   // word → spelled by exactly as many characters
        foreach (var pieces in Segmentations(typed))
        {
            var lo = PackInitials(string.Concat(pieces.Select(p => p.Text[0])));
            var hi = lo | ((1UL << (60 - 5 * pieces.Count)) - 1);
            foreach (var i in Lookup(_initials, lo, hi))
            {
                var word = _words[i];
                if (word.Length < pieces.Count || !Spells(word, pieces)) continue;
                found[i] = found.GetValueOrDefault(i) || word.Length == pieces.Count;
            }
        }
        return found.OrderBy(f => f.Value ? 0 : 1).ThenBy(f => f.Key).Select(f => _words[f.Key]).ToList();
    }

    /// <summary>One piece of typed pinyin: a whole syllable (matches that reading) or the start of one (an initial, or
    /// the unfinished last syllable).</summary>
    private readonly record struct Piece(string Text, bool Whole);

    // Longest pieces first, so the likeliest readings (xian before xi|an) are tried first when the cap cuts in.
    private IEnumerable<List<Piece>> Segmentations(string typed)
    {
        var results = new List<List<Piece>>();
        var current = new List<Piece>();
        void Walk(int at)
        {
            if (results.Count >= MaxSegmentations) return;
            if (at == typed.Length) { results.Add([.. current]); return; }
            if (current.Count == MaxInitials) return;
            var rest = typed.AsSpan(at);
            for (var n = Math.Min(6, rest.Length); n >= 1; n--)
            {
                var text = typed.Substring(at, n);
                var whole = n > 1 && _syllables.Contains(text);
                var start = n == 1 || text is "zh" or "ch" or "sh" || (at + n == typed.Length && _syllablePrefixes.Contains(text));
                if (!(whole || start) || !_syllablePrefixes.Contains(text)) continue;
                current.Add(new Piece(text, whole && !(at + n == typed.Length)));
                Walk(at + n);
                current.RemoveAt(current.Count - 1);
            }
        }
        Walk(0);
        return results;
    }

    private bool Spells(string word, List<Piece> pieces)
    {
        for (var j = 0; j < pieces.Count; j++)
        {
            var ok = false;
            foreach (var id in _pinyin.ReadingIds(word[j]))
            {
                var reading = _pinyin.Syllable(id);
                if (pieces[j].Whole ? reading == pieces[j].Text : reading.StartsWith(pieces[j].Text, StringComparison.Ordinal)) { ok = true; break; }
            }
            if (!ok) return false;
        }
        return true;
    }

    private bool SameReadings(string a, string b)
    {
        if (a.Length != b.Length || a == b) return false;
        for (var j = 0; j < a.Length; j++)
        {
            var ra = _pinyin.ReadingIds(a[j]);
            var rb = _pinyin.ReadingIds(b[j]);
            var shared = false;
            foreach (var id in ra) if (rb.Contains(id)) { shared = true; break; }
            if (!shared) return false;
        }
        return true;
    }

    private static bool DiffersOnlyAt(string a, string b, int p)
    {
        if (a[p] == b[p]) return false;
        for (var j = 0; j < a.Length; j++)
            if (j != p && a[j] != b[j]) return false;
        return true;
    }

    /// <summary>A hash per combination of the word's readings (most frequent readings first, at most MaxCombinations).</summary>
    private List<ulong> ReadingKeys(string word) => Combinations(word, (c, ids) => ids.AddRange(_pinyin.ReadingIds(c)), ids => Hash(ids));

    /// <summary>The packed initials per combination of the word's readings (行: x and h; 督: d once, though it has one reading).</summary>
    private List<ulong> InitialKeys(string word) =>
        Combinations(word, (c, ids) =>
        {
            foreach (var id in _pinyin.ReadingIds(c))
            {
                var letter = (ushort)(_pinyin.Syllable(id)[0] - 'a' + 1);
                if (!ids.Contains(letter)) ids.Add(letter);
            }
        }, letters =>
        {
            var key = 0UL;
            for (var j = 0; j < letters.Length; j++) key |= (ulong)letters[j] << (55 - 5 * j);
            return key;
        });

    private static List<ulong> Combinations(string word, Action<char, List<ushort>> choices, Func<ushort[], ulong> key)
    {
        var options = new List<ushort>[word.Length];
        for (var j = 0; j < word.Length; j++) choices(word[j], options[j] = []);
        var keys = new List<ulong>(1);
        var picked = new ushort[word.Length];
        var at = new int[word.Length];
        // Odometer over the choices, first choices (the most frequent readings) first.
        while (keys.Count < MaxCombinations)
        {
            for (var j = 0; j < word.Length; j++) picked[j] = options[j][at[j]];
            keys.Add(key(picked));
            var k = word.Length - 1;
            while (k >= 0 && ++at[k] == options[k].Count) at[k--] = 0;
            if (k < 0) break;
        }
        return keys;
    }

    private static ulong Hash(ReadOnlySpan<ushort> values)
    {
        var h = 14695981039346656037UL;
        foreach (var v in values) h = (h ^ v) * 1099511628211UL;
        return (h ^ (ulong)values.Length) * 1099511628211UL;
    }

    /// <summary>The word with position p blanked (insert: false) or with a blank inserted before position p (insert: true).
    /// A word with a blank inserted hashes like every one-character-longer word blanked there.</summary>
    private static ulong BlankedHash(string word, int p, bool insert)
    {
        Span<ushort> chars = stackalloc ushort[word.Length + 1];
        var n = 0;
        for (var j = 0; j < word.Length; j++)
        {
            if (j == p) { chars[n++] = 0; if (!insert) continue; }
            chars[n++] = word[j];
        }
        if (insert && p == word.Length) chars[n++] = 0;
        return Hash(chars[..n]);
    }

    private static ulong PackInitials(string letters)
    {
        var key = 0UL;
        for (var j = 0; j < letters.Length && j < MaxInitials; j++) key |= (ulong)(letters[j] - 'a' + 1) << (55 - 5 * j);
        return key;
    }

    private static List<int> Lookup(Entry[] table, ulong lo, ulong hi)
    {
        var found = new List<int>();
        int left = 0, right = table.Length;
        while (left < right)
        {
            var mid = (left + right) >>> 1;
            if (table[mid].Key < lo) left = mid + 1; else right = mid;
        }
        for (var k = left; k < table.Length && table[k].Key <= hi; k++) found.Add(table[k].Word);
        return found;
    }

    private static Entry[] Sorted(List<Entry> entries)
    {
        var array = entries.ToArray();
        Array.Sort(array);
        return array;
    }

    // 12 bytes, not 16: about 2 million entries for a 340k-word vocabulary.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Entry(ulong Key, int Word) : IComparable<Entry>
    {
        public int CompareTo(Entry other) => Key != other.Key ? Key.CompareTo(other.Key) : Word.CompareTo(other.Word);
    }
}
