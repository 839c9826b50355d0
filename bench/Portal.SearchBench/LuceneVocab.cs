using Lucene.Net.Index;
using Lucene.Net.Store;

/// <summary>
/// The most frequent words of a Lucene index (documents containing them, title and body together), read from the
/// live directory of an IndexPath (its <c>current</c> file). Read-only: a running portal may hold the writer.
/// </summary>
static class LuceneVocab
{
    /// <summary>Han words of two or more characters, by document frequency, ranks skip+1 … skip+take.</summary>
    public static List<(string Term, long Docs)> HanWords(string indexPath, int skip, int take)
    {
        var live = Path.Combine(indexPath, File.ReadAllText(Path.Combine(indexPath, "current")).Trim());
        using var directory = FSDirectory.Open(live);
        using var reader = DirectoryReader.Open(directory);
        var docs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in new[] { "title", "body" })
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null) continue;
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                var term = e.Term.Utf8ToString();
                if (term.Length < 2 || !term.All(ch => ch is >= '\u4e00' and <= '\u9fff')) continue;
                docs[term] = docs.GetValueOrDefault(term) + e.DocFreq;
            }
        }
        return docs.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Skip(skip).Take(take).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}

/// <summary>The measured query lists (one word, two words, the 20 most frequent words) and the warm-up list.</summary>
sealed record QueryLists(List<string> OneWord, List<string> TwoWord, List<string> Frequent)
{
    /// <summary>The 20 most frequent words plus 180 drawn from the 3,000 most frequent; two-word queries from the same.</summary>
    public static QueryLists From(List<(string Term, long Docs)> top3000)
    {
        var rng = new Random(4);
        var cjk = top3000;
        return new(
            cjk.Take(20).Select(v => v.Term).Concat(Enumerable.Range(0, 180).Select(_ => cjk[rng.Next(cjk.Count)].Term)).ToList(),
            Enumerable.Range(0, 200).Select(_ => cjk[rng.Next(Math.Min(cjk.Count, 500))].Term + " " + cjk[rng.Next(cjk.Count)].Term).ToList(),
            cjk.Take(20).Select(v => v.Term).ToList());
    }

    /// <summary>Lists an earlier run wrote (queries.txt), so that engines and runs answer the same queries.</summary>
    public static QueryLists Read(string file)
    {
        var lists = File.ReadAllText(file).Split("\n\n");
        static List<string> Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return new(Lines(lists[0]), Lines(lists[1]), Lines(lists[2]));
    }

    public void Write(string file) =>
        File.WriteAllText(file, string.Join("\n\n", new[] { OneWord, TwoWord, Frequent }.Select(l => string.Join('\n', l))));

    /// <summary>Warm-up queries on other words (ranks 3,001–3,400), alone and in pairs.</summary>
    public static List<string> WarmUp(List<(string Term, long Docs)> ranks3001to3400)
    {
        var words = ranks3001to3400.Select(v => v.Term).ToList();
        return words.Concat(words.Take(200).Zip(words.Skip(200), (a, b) => a + " " + b)).ToList();
    }
}
