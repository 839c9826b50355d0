using Portal.Indexing.Analysis;

namespace Portal.Indexing.Search.Spelling;

/// <summary>
/// The toneless pinyin readings of 20,936 Han characters (pinyin-pro, embedded: Analysis/Data/PROVENANCE.md), every
/// reading of a polyphonic character (行 xing/hang/heng), most frequent first. Readings are numbered
/// (<see cref="SyllableId"/>) so the suggester can compare and pack them as small integers. Immutable, thread-safe.
/// </summary>
public sealed class PinyinTable
{
    private static readonly Lazy<PinyinTable> DefaultInstance = new(() => Parse(EmbeddedData.ReadText(EmbeddedData.Pinyin)));

    private readonly ushort[]?[] _readings = new ushort[]?[char.MaxValue + 1];
    private readonly List<string> _syllables = [];
    private readonly Dictionary<string, ushort> _ids = new(StringComparer.Ordinal);

    private PinyinTable() { }

    /// <summary>The embedded table, loaded on first use.</summary>
    public static PinyinTable Default => DefaultInstance.Value;

    /// <summary>Lines of "character reading reading…" (scripts/pinyin-table.js writes them).</summary>
    public static PinyinTable Parse(string text)
    {
        var table = new PinyinTable();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0].Length != 1) continue;
            table._readings[parts[0][0]] = parts.Skip(1).Select(table.Intern).Distinct().ToArray();
        }
        return table;
    }

    /// <summary>How many distinct syllables the table knows (ids are 0 … SyllableCount − 1).</summary>
    public int SyllableCount => _syllables.Count;

    public string Syllable(int id) => _syllables[id];

    /// <summary>The id of a toneless syllable ("ban"), or −1 when no character reads so.</summary>
    public int SyllableId(string syllable) => _ids.TryGetValue(syllable, out var id) ? id : -1;

    /// <summary>The readings of a character, most frequent first; empty for characters without one (Latin, digits, punctuation).</summary>
    public IReadOnlyList<string> Readings(char c) => _readings[c] is { } ids ? ids.Select(id => _syllables[id]).ToList() : [];

    internal ReadOnlySpan<ushort> ReadingIds(char c) => _readings[c];

    /// <summary>Whether every character of the word has a reading.</summary>
    public bool IsReadable(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return false;
        foreach (var c in word)
            if (_readings[c] is null) return false;
        return true;
    }

    /// <summary>The word's possible initials (银行 → yx, yh), at most <paramref name="max"/>; empty when a character has no reading.</summary>
    public IReadOnlyList<string> Initials(string word, int max = 16) =>
        Combine(word, max, c => _readings[c]!.Select(id => _syllables[id][0]).Distinct().Select(ch => ch.ToString()).ToArray());

    /// <summary>The word's possible full spellings (银行 → yinxing, yinhang, yinheng), at most <paramref name="max"/>.</summary>
    public IReadOnlyList<string> Spellings(string word, int max = 16) =>
        Combine(word, max, c => _readings[c]!.Select(id => _syllables[id]).ToArray());

    private List<string> Combine(string word, int max, Func<char, string[]> choices)
    {
        if (!IsReadable(word)) return [];
        var results = new List<string> { "" };
        foreach (var c in word)
        {
            var next = new List<string>();
            foreach (var prefix in results)
                foreach (var choice in choices(c))
                    if (next.Count < max) next.Add(prefix + choice);
            results = next;
        }
        return results;
    }

    private ushort Intern(string syllable)
    {
        if (_ids.TryGetValue(syllable, out var id)) return id;
        id = checked((ushort)_syllables.Count);
        _syllables.Add(syllable);
        _ids.Add(syllable, id);
        return id;
    }
}
