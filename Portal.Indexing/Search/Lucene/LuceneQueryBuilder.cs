using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// Translates a parsed <see cref="SearchQuery"/> into Lucene queries. Query terms go through the index's own analyzer
/// (the same normalisation and segmentation as the indexed text), and every token becomes a term object, never
/// query syntax: no user input reaches a Lucene parser.
/// </summary>
/// <param name="titleOnly">Match titles only (title suggestions).</param>
internal sealed class LuceneQueryBuilder(Analyzer analyzer, float titleBoost, Func<string, string> normalize, bool titleOnly = false)
{
    /// <summary>The two passes of a query (words: tier 0; bigrams: tier 1) and the conditions every match must meet.</summary>
    public sealed record Queries(Query? Words, Query? Bigrams, Query Filter);

    public Queries Build(SearchQuery query, SearchAccess access, DateOnly? from, DateOnly? to)
    {
        var terms = QueryTerms<Query, Query>.Translate(query, Term);
        var filter = new BooleanQuery { { AccessFilter(access), Occur.MUST } };
        if (query.Types.Count > 0)
            filter.Add(AnyOf(query.Types.SelectMany(t => new[] { t, normalize(t) }).Distinct().Select(t => new TermQuery(new Term(LuceneFields.Type, t)))), Occur.MUST);
        if (query.Units.Count > 0)
            filter.Add(AnyOf(query.Units.Select(u => new WildcardQuery(new Term(LuceneFields.UnitNorm, "*" + EscapeWildcard(normalize(u)) + "*")))), Occur.MUST);
        if (query.Years.Count > 0)
            filter.Add(AnyOf(query.Years.Select(y => new TermQuery(new Term(LuceneFields.Year, y.ToString(System.Globalization.CultureInfo.InvariantCulture))))), Occur.MUST);
        if (from is not null || to is not null)
            filter.Add(NumericRangeQuery.NewInt32Range(LuceneFields.Date,
                from is { } f ? LuceneFields.DateNumber(f) : null, to is { } t ? LuceneFields.DateNumber(t) : null, true, true), Occur.MUST);
        foreach (var (word, bigram) in terms.Excluded)
        {
            filter.Add(word, Occur.MUST_NOT);
            filter.Add(bigram, Occur.MUST_NOT);
        }
        if (terms.Groups.Count == 0) return new Queries(null, null, filter);
        Query All(Func<(Query Word, Query Bigram), Query> part)
        {
            var all = new BooleanQuery();
            foreach (var g in terms.Groups) all.Add(g.Count == 1 ? part(g[0]) : AnyOf(g.Select(part)), Occur.MUST);
            return all;
        }
        return new Queries(All(t => t.Word), All(t => t.Bigram), filter);
    }

    /// <summary>Public rows, plus rows granted to one of the caller's keys; everything for <see cref="SearchAccess.All"/>.</summary>
    public static Query AccessFilter(SearchAccess access)
    {
        if (access.All) return new MatchAllDocsQuery();
        return AnyOf(access.Keys.Prepend(LuceneFields.Public).Distinct().Select(k => new TermQuery(new Term(LuceneFields.Access, k))));
    }

    /// <returns>(null, null) when the term holds nothing searchable (only punctuation or emoji).</returns>
    public (Query? Word, Query? Bigram) Term(QueryTerm term)
    {
        var words = Words(term.Text);
        if (words.Count == 0) return (null, null);

        Query word;
        if (words.Count == 1) word = Either(words[0].Text);
        else if (term.IsPhrase) word = AnyOf([Phrase(LuceneFields.Title, words, titleBoost), .. Body(Phrase(LuceneFields.Body, words, 1))]);
        else
        {
            var all = new BooleanQuery();
            foreach (var w in words.Select(w => w.Text).Distinct()) all.Add(Either(w), Occur.MUST);
            word = all;
        }

        var bigrams = Tokens(LuceneFields.BodyBigram, term.Text);
        var parts = new List<Query>();
        foreach (var run in Runs(bigrams))
        {
            if (run.Count == 1 && run[0].Text.Length == 1)
                parts.Add(AnyOf([new PrefixQuery(new Term(LuceneFields.TitleBigram, run[0].Text)) { Boost = titleBoost },
                    .. Body(new PrefixQuery(new Term(LuceneFields.BodyBigram, run[0].Text)))]));
            else
                parts.Add(AnyOf([Phrase(LuceneFields.TitleBigram, run, titleBoost), .. Body(Phrase(LuceneFields.BodyBigram, run, 1))]));
        }
        // Letters and digits the bigrams do not cover must still match, as words.
        foreach (var w in words)
            if (!bigrams.Any(b => b.Start < w.End && w.Start < b.End)) parts.Add(Either(w.Text));
        Query bigram;
        if (parts.Count == 0) bigram = word;
        else if (parts.Count == 1) bigram = parts[0];
        else
        {
            var all = new BooleanQuery();
            foreach (var p in parts) all.Add(p, Occur.MUST);
            bigram = all;
        }
        return (word, bigram);
    }

    internal readonly record struct QueryToken(string Text, int Position, int Start, int End);

    /// <summary>The segmented words of a query term (at each position the longest token: sub-words are left out).</summary>
    public List<QueryToken> Words(string text)
    {
        var words = new List<QueryToken>();
        foreach (var t in Tokens(LuceneFields.Body, text))
        {
            if (words.Count > 0 && words[^1].Position == t.Position)
            {
                if (t.End - t.Start > words[^1].End - words[^1].Start) words[^1] = t;
            }
            else if (words.Count > 0 && t.End <= words[^1].End && t.Start >= words[^1].Start) continue;
            else words.Add(t);
        }
        return words;
    }

    public List<QueryToken> Tokens(string field, string text)
    {
        var list = new List<QueryToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            list.Add(new QueryToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return list;
    }

    /// <summary>Bigrams grouped into runs of adjacent characters (each run is one phrase).</summary>
    private static List<List<QueryToken>> Runs(List<QueryToken> bigrams)
    {
        var runs = new List<List<QueryToken>>();
        foreach (var t in bigrams)
        {
            if (runs.Count > 0 && runs[^1][^1].Start + 1 == t.Start && t.Text.Length == 2 && runs[^1][^1].Text.Length == 2) runs[^1].Add(t);
            else runs.Add([t]);
        }
        return runs;
    }

    private Query Either(string word) =>
        AnyOf([new TermQuery(new Term(LuceneFields.Title, word)) { Boost = titleBoost }, .. Body(new TermQuery(new Term(LuceneFields.Body, word)))]);

    private Query[] Body(Query query) => titleOnly ? [] : [query];

    private static Query Phrase(string field, List<QueryToken> tokens, float boost)
    {
        if (tokens.Count == 1) return new TermQuery(new Term(field, tokens[0].Text)) { Boost = boost };
        var phrase = new PhraseQuery { Boost = boost };
        var first = tokens[0].Position;
        foreach (var t in tokens) phrase.Add(new Term(field, t.Text), t.Position - first);
        return phrase;
    }

    private static Query AnyOf(IEnumerable<Query> queries)
    {
        var list = queries.ToList();
        if (list.Count == 1) return list[0];
        if (list.Count == 0) return new BooleanQuery();
        var any = new BooleanQuery();
        foreach (var q in list) any.Add(q, Occur.SHOULD);
        return any;
    }

    private static string EscapeWildcard(string text) =>
        text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("?", "\\?");
}
