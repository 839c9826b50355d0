using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Indexing.Search.Lucene;

/// <summary>Similar documents and suggestions.</summary>
public sealed partial class LuceneSearchEngine
{
    public IReadOnlyList<SearchHit> Similar(IndexKey key, SearchAccess access, int top)
    {
        if (top <= 0) return [];
        top = Math.Min(top, 100);
        var (searcher, release) = AcquireSearcher();
        try
        {
            var self = searcher.Search(Restrict(new TermQuery(LuceneFields.KeyTerm(key)), access), 1);
            if (self.TotalHits == 0) return [];
            var mlt = new MoreLikeThis(searcher.IndexReader)
            {
                Analyzer = _analyzer,
                FieldNames = [LuceneFields.Title, LuceneFields.Body],
                // A word of this entry alone says nothing about others; one occurrence in it is enough.
                MinTermFreq = 1,
                MinDocFreq = 2,
                MinWordLen = 2,
                MaxQueryTerms = 12,
            };
            // From the entry's text (the body is a doc value, which MoreLikeThis cannot read by itself); each word is
            // weighed in the field where it is most frequent, as for a stored document.
            var fields = new HitFields(searcher);
            var doc = self.ScoreDocs[0].Doc;
            var like = mlt.Like(new StringReader(fields.Title(doc) + "\n" + fields.Body(doc)), LuceneFields.Body);
            var query = new BooleanQuery { { like, Occur.MUST }, { new TermQuery(LuceneFields.KeyTerm(key)), Occur.MUST_NOT } };
            var found = searcher.Search(Restrict(query, access), null, top, ByRelevance, true, false);
            return found.ScoreDocs.Select(d => fields.Hit(d.Doc, d.Score, 0)).ToList();
        }
        finally { release(); }
    }

    public IReadOnlyList<Suggestion> Suggest(string prefix, SearchAccess access, int top)
    {
        var text = (prefix ?? "").Trim();
        if (text.Length == 0 || text.Length > 50 || top <= 0) return [];
        top = Math.Min(top, 100);
        var result = new List<Suggestion>();
        var (searcher, release) = AcquireSearcher();
        try
        {
            var query = QueryParser.Parse(text) with { Types = [], Units = [], Years = [] };
            var titles = TitleQueries.Build(query, null, null);
            if (titles.Bigrams is not null)
            {
                // The best title matches (short titles holding the words rank first).
                var best = searcher.Search(Restrict(titles.Bigrams, access, titles.Conditions), null, top, ByRelevance, false, false);
                var fields = new HitFields(searcher);
                foreach (var hit in best.ScoreDocs.Select(d => fields.Hit(d.Doc, 0, 0)))
                    result.Add(new Suggestion(hit.Title, "title", hit.Key.Id) { Key = hit.Key });
            }
            // Frequent words that begin with the last word typed; each must occur in a row the user may see.
            var words = Queries.Words(text);
            if (words.Count > 0)
            {
                var last = words[^1].Text;
                var terms = FrequentTerms(searcher.IndexReader, last, 20);
                foreach (var term in terms.Where(t => t != last || terms.Count == 1))
                {
                    if (result.Count(s => s.Kind == "term") >= top) break;
                    if (Occurs(searcher, term, access)) result.Add(new Suggestion(term, "term", null));
                }
            }
            result.AddRange(PinyinSuggestions(searcher, text, access, top));
        }
        finally { release(); }
        return result;
    }

    private LuceneQueryBuilder? _titleQueries;
    private LuceneQueryBuilder TitleQueries =>
        _titleQueries ??= new LuceneQueryBuilder(_analyzer, _options.TitleBoost, _analysis.Analyzer.Normalize, titleOnly: true);

    /// <summary>Indexed words (title or body) beginning with <paramref name="prefix"/>, the most documents first.</summary>
    private static List<string> FrequentTerms(IndexReader reader, string prefix, int top)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var start = new BytesRef(prefix);
        foreach (var field in new[] { LuceneFields.Title, LuceneFields.Body })
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null) continue;
            var e = terms.GetEnumerator();
            if (e.SeekCeil(start) == TermsEnum.SeekStatus.END) continue;
            var seen = 0;
            do
            {
                if (!StringHelper.StartsWith(e.Term, start)) break;
                var word = e.Term.Utf8ToString();
                counts[word] = counts.GetValueOrDefault(word) + e.DocFreq;
            } while (++seen < 2000 && e.MoveNext());
        }
        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top).Select(kv => kv.Key).ToList();
    }
}
