namespace Portal.Indexing.Search;

/// <summary>
/// A parsed query's terms translated by an engine's query builder: the required groups (OR-ed alternatives; groups
/// left empty are gone), the exclusions, and the terms that held nothing searchable (only punctuation or emoji).
/// </summary>
internal sealed record QueryTerms<TWord, TBigram>(
    List<List<(TWord Word, TBigram Bigram)>> Groups, List<(TWord Word, TBigram Bigram)> Excluded, List<string> Dropped)
    where TWord : class where TBigram : class
{
    /// <param name="term">A term's word and bigram expressions; (null, null) when it holds nothing searchable.</param>
    public static QueryTerms<TWord, TBigram> Translate(SearchQuery query, Func<QueryTerm, (TWord? Word, TBigram? Bigram)> term)
    {
        var dropped = new List<string>();
        List<(TWord, TBigram)> Translated(IEnumerable<QueryTerm> terms)
        {
            var list = new List<(TWord, TBigram)>();
            foreach (var t in terms)
            {
                var (word, bigram) = term(t);
                if (word is null || bigram is null) dropped.Add(t.Text);
                else list.Add((word, bigram));
            }
            return list;
        }
        var groups = query.Required.Select(g => Translated(g.Alternatives)).Where(g => g.Count > 0).ToList();
        return new QueryTerms<TWord, TBigram>(groups, Translated(query.Excluded), dropped);
    }
}
