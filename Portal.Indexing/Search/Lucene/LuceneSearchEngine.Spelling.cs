using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Indexing.Search.Spelling;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// 您是不是要找：… and pinyin suggestions, from the index's own vocabulary (the words of titles and bodies with their
/// document frequencies). Every word offered must occur in a row the caller may see: a word of restricted rows alone
/// never reaches anyone without the grant.
/// </summary>
public sealed partial class LuceneSearchEngine
{
    // A small vocabulary (built in under CheapBuild) is rebuilt for every new reader. A large one costs about 0.7 s of CPU
    // for 340k words (bench/README.md) and every write makes a new reader, so it serves later readers too and is rebuilt
    // in the background at most every SpellingRefresh while the old one answers: a new word waits that long at most.
    private static readonly TimeSpan SpellingRefresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CheapBuild = TimeSpan.FromMilliseconds(50);
    // The first snapshot of a larger index is built in the background (no suggestions for that second or so), so the
    // first searches after a start do not wait for it.
    private const int SmallIndex = 10_000;
    private static readonly SpellingSuggester NoVocabulary = new([], PinyinTable.Default);
    // How many candidates are checked against the caller's access before giving up (each check is one small search).
    private const int MaxChecked = 50;

    private sealed record SpellingSnapshot(SpellingSuggester Suggester, long ReaderVersion, DateTime BuiltAt, TimeSpan BuildTime);

    private volatile SpellingSnapshot? _spelling;
    private int _spellingBuilding;

    public IReadOnlyList<string> DidYouMean(string word, SearchAccess access, int top)
    {
        var text = (word ?? "").Trim();
        if (top <= 0 || text.Length is 0 or > 50) return [];
        var (searcher, release) = AcquireSearcher();
        try
        {
            return Visible(searcher, Speller(searcher).Corrections(text), access, top);
        }
        finally { release(); }
    }

    /// <summary>Words whose pinyin the typed letters spell (dcdb → 督查督办), kind 拼音; nothing unless the prefix is Latin letters.</summary>
    private List<Suggestion> PinyinSuggestions(IndexSearcher searcher, string prefix, SearchAccess access, int top)
    {
        if (prefix.Length < 2 || prefix.Any(c => c is not (>= 'a' and <= 'z' or >= 'A' and <= 'Z'))) return [];
        return Visible(searcher, Speller(searcher).Spelled(prefix), access, top).Select(w => new Suggestion(w, "拼音", null)).ToList();
    }

    private List<string> Visible(IndexSearcher searcher, IEnumerable<string> candidates, SearchAccess access, int top) =>
        candidates.Take(MaxChecked).Where(w => Occurs(searcher, w, access)).Take(top).ToList();

    /// <summary>Whether the word is in the title or body of a row the caller may see.</summary>
    internal bool Occurs(IndexSearcher searcher, string word, SearchAccess access)
    {
        var either = new BooleanQuery
        {
            { new TermQuery(new Term(LuceneFields.Title, word)), Occur.SHOULD },
            { new TermQuery(new Term(LuceneFields.Body, word)), Occur.SHOULD },
        };
        return searcher.Search(Restrict(either, access), 1).TotalHits > 0;
    }

    /// <summary>The suggester for this reader's vocabulary: the cached one while it is fresh enough (see SpellingRefresh).</summary>
    private SpellingSuggester Speller(IndexSearcher searcher)
    {
        var reader = searcher.IndexReader;
        var version = reader is DirectoryReader d ? d.Version : 0;
        var current = _spelling;
        if (current is null)
        {
            if (reader.NumDocs <= SmallIndex) return (_spelling = BuildSpelling(reader, version)).Suggester;
            BuildSpellingInBackground();
            return NoVocabulary;
        }
        if (current.ReaderVersion == version) return current.Suggester;
        if (current.BuildTime < CheapBuild) return (_spelling = BuildSpelling(reader, version)).Suggester;
        if (DateTime.UtcNow - current.BuiltAt >= SpellingRefresh) BuildSpellingInBackground();
        return current.Suggester;
    }

    private void BuildSpellingInBackground()
    {
        if (Interlocked.Exchange(ref _spellingBuilding, 1) == 0)
        {
            Task.Run(() =>
            {
                try
                {
                    var (later, release) = AcquireSearcher();
                    try
                    {
                        var r = later.IndexReader;
                        _spelling = BuildSpelling(r, r is DirectoryReader dr ? dr.Version : 0);
                    }
                    finally { release(); }
                }
                catch (ObjectDisposedException) { }   // the engine closed meanwhile
                finally { Interlocked.Exchange(ref _spellingBuilding, 0); }
            });
        }
    }

    private SpellingSnapshot BuildSpelling(IndexReader reader, long version)
    {
        var watch = Stopwatch.StartNew();
        var suggester = new SpellingSuggester(Vocabulary(reader), PinyinTable.Default, _analysis.Analyzer.Normalize);
        return new SpellingSnapshot(suggester, version, DateTime.UtcNow, watch.Elapsed);
    }

    /// <summary>
    /// The words of titles and bodies made of two or more Han characters (UTF-8: three bytes each, lead byte E3–E9,
    /// checked before decoding, so Latin words and numbers cost nothing), with their document frequencies.
    /// </summary>
    private static IEnumerable<(string Word, int DocFreq)> Vocabulary(IndexReader reader)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in new[] { LuceneFields.Title, LuceneFields.Body })
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null) continue;
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                var term = e.Term;
                if (!HanWord(term.Bytes.AsSpan(term.Offset, term.Length))) continue;
                var word = term.Utf8ToString();
                counts[word] = Math.Max(counts.GetValueOrDefault(word), e.DocFreq);
            }
        }
        return counts.Select(kv => (kv.Key, kv.Value));
    }

    private static bool HanWord(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 6 || utf8.Length % 3 != 0) return false;
        for (var i = 0; i < utf8.Length; i += 3)
            if (utf8[i] is < 0xE3 or > 0xE9) return false;
        return true;
    }
}
