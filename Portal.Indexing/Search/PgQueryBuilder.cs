using System.Globalization;
using System.Text;

namespace Portal.Indexing.Search;

/// <summary>A condition on the two tsvector columns of <see cref="PgSearchEngine"/>, rendered to SQL with parameters.</summary>
internal abstract record PgCond
{
    /// <summary><c>column @@ query::tsquery</c>; <paramref name="Query"/> is a tsquery literal built here, never user text.</summary>
    public sealed record Match(bool Bigrams, string Query) : PgCond;
    public sealed record All(IReadOnlyList<PgCond> Parts) : PgCond;
    public sealed record Any(IReadOnlyList<PgCond> Parts) : PgCond;
    public sealed record Not(PgCond Part) : PgCond;

    /// <summary>
    /// SQL for this condition on table alias m. Matches on the same column within an AND (or an OR) become one tsquery
    /// (<c>&amp;</c>, <c>!</c>, <c>|</c>), so the common query is a single GIN lookup.
    /// </summary>
    public string Sql(List<(string, object?)> args)
    {
        string Param(string tsquery)
        {
            var name = "@q" + args.Count.ToString(CultureInfo.InvariantCulture);
            args.Add((name, tsquery));
            return name + "::tsquery";
        }
        string Column(bool bigrams) => bigrams ? "m.bigrams" : "m.words";

        switch (this)
        {
            case Match m:
                return $"{Column(m.Bigrams)} @@ {Param(m.Query)}";
            case Not n:
                return $"NOT ({n.Part.Sql(args)})";
            case All a:
            {
                var parts = new List<string>();
                foreach (var bigrams in new[] { false, true })
                {
                    var positive = a.Parts.OfType<Match>().Where(m => m.Bigrams == bigrams).Select(m => "(" + m.Query + ")").ToList();
                    if (positive.Count == 0) continue;
                    var negative = a.Parts.OfType<Not>().Select(n => n.Part).OfType<Match>().Where(m => m.Bigrams == bigrams)
                        .Select(m => "!(" + m.Query + ")");
                    parts.Add($"{Column(bigrams)} @@ {Param(string.Join(" & ", positive.Concat(negative)))}");
                }
                var merged = new HashSet<bool>(a.Parts.OfType<Match>().Select(m => m.Bigrams));
                foreach (var p in a.Parts)
                {
                    if (p is Match) continue;
                    if (p is Not { Part: Match nm } && merged.Contains(nm.Bigrams)) continue;
                    parts.Add(p.Sql(args));
                }
                return parts.Count == 0 ? "TRUE" : "(" + string.Join(" AND ", parts) + ")";
            }
            case Any o:
            {
                var parts = new List<string>();
                foreach (var bigrams in new[] { false, true })
                {
                    var queries = o.Parts.OfType<Match>().Where(m => m.Bigrams == bigrams).Select(m => "(" + m.Query + ")").ToList();
                    if (queries.Count > 0) parts.Add($"{Column(bigrams)} @@ {Param(string.Join(" | ", queries))}");
                }
                parts.AddRange(o.Parts.Where(p => p is not Match).Select(p => p.Sql(args)));
                return parts.Count == 0 ? "FALSE" : "(" + string.Join(" OR ", parts) + ")";
            }
            default:
                throw new InvalidOperationException("Unknown condition " + GetType().Name);
        }
    }

    /// <summary>The positive tsquery of this condition on one column (for ranking), or null.</summary>
    public string? RankQuery(bool bigrams) => this switch
    {
        Match m => m.Bigrams == bigrams ? m.Query : null,
        All a => Join(a.Parts.Select(p => p.RankQuery(bigrams)), " & "),
        Any o => Join(o.Parts.Select(p => p.RankQuery(bigrams)), " | "),
        _ => null,
    };

    private static string? Join(IEnumerable<string?> queries, string op)
    {
        var list = queries.Where(q => q is not null).ToList();
        return list.Count == 0 ? null : string.Join(op, list.Select(q => "(" + q + ")"));
    }
}

/// <summary>
/// Builds the conditions of a parsed query on <see cref="PgSearchEngine"/>'s columns, mirroring
/// <see cref="Fts5MatchBuilder"/> term for term: every token is a quoted lexeme (no user text reaches tsquery syntax),
/// phrases are <c>&lt;-&gt;</c> chains over the whole words only (weights A/B), lone characters are prefix matches
/// on the bigrams.
/// </summary>
internal sealed class PgQueryBuilder(TextAnalysis analysis)
{
    /// <summary>The two passes of a query: segmented words (tier 0) and character bigrams (tier 1).</summary>
    public sealed record Expressions(PgCond? Words, PgCond? Bigrams, IReadOnlyList<string> DroppedTerms);

    /// <param name="titleOnly">Match titles only (suggestions): weights A (and C for sub-words).</param>
    public Expressions Build(SearchQuery query, bool titleOnly = false)
    {
        var terms = QueryTerms<string, PgCond>.Translate(query, t => Term(t, titleOnly));
        if (terms.Groups.Count == 0) return new Expressions(null, null, terms.Dropped);
        var words = new PgCond.Match(false, string.Join(" & ", terms.Groups.Select(g =>
            g.Count == 1 ? "(" + g[0].Word + ")" : "(" + string.Join(" | ", g.Select(x => "(" + x.Word + ")")) + ")")));
        var bigrams = terms.Groups.Select(g => g.Count == 1 ? g[0].Bigram : new PgCond.Any(g.Select(x => x.Bigram).ToList())).ToList();
        // NOT (word OR bigram), as two negations so the word part joins the positive tsquery.
        var exclusions = terms.Excluded.SelectMany(e => new PgCond[] { new PgCond.Not(new PgCond.Match(false, e.Word)), new PgCond.Not(e.Bigram) }).ToList();
        return new Expressions(
            exclusions.Count == 0 ? words : new PgCond.All([words, .. exclusions]),
            new PgCond.All([.. bigrams, .. exclusions]),
            terms.Dropped);
    }

    /// <summary>Only the exclusions, OR-ed, for filtering a query that has no positive words.</summary>
    public PgCond? ExclusionsOnly(SearchQuery query)
    {
        var parts = query.Excluded.Select(t => Term(t, false)).Where(p => p.Word is not null)
            .SelectMany(p => new[] { new PgCond.Match(false, p.Word!), p.Bigram! }).ToList();
        return parts.Count == 0 ? null : new PgCond.Any(parts);
    }

    /// <summary>An OR of whole words (titles and bodies), for similar documents.</summary>
    public static string AnyOf(IEnumerable<string> words) =>
        string.Join(" | ", words.Select(w => PgText.Quote(PgText.Lexeme(w)) + ":AB"));

    /// <summary>One word in the words column (any weight), for document frequencies.</summary>
    public static string Word(string word) => PgText.Quote(PgText.Lexeme(word));

    /// <summary>
    /// Lexemes beginning with <paramref name="prefix"/>. No weight restriction: GIN answers it without reading rows
    /// (the caller keeps whole words, weights A/B, when it lists the lexemes).
    /// </summary>
    public static string Prefix(string prefix) => PgText.Quote(PgText.Lexeme(prefix)) + ":*";

    /// <returns>(null, null) when the term holds nothing searchable (only punctuation or emoji).</returns>
    public (string? Word, PgCond? Bigram) Term(QueryTerm term, bool titleOnly = false)
    {
        // A token holding a space is stored as its pieces (the streams are space-separated): query it as their phrase.
        var words = analysis.Words(term.Text).Select(Pieces).Where(p => p.Count > 0).ToList();
        if (words.Count == 0) return (null, null);
        var any = titleOnly ? ":AC" : "";
        var whole = titleOnly ? ":A" : ":AB";

        string word;
        if (words.Count == 1 && words[0].Count == 1) word = Lex(words[0][0], any);
        else if (term.IsPhrase) word = string.Join(" <-> ", words.SelectMany(w => w).Select(p => Lex(p, whole)));
        else word = string.Join(" & ", words.Select(w => w.Count == 1 ? Lex(w[0], any) : "(" + string.Join(" <-> ", w.Select(p => Lex(p, whole))) + ")"));

        var bigramWeight = titleOnly ? "A" : "";
        var runs = analysis.BigramRuns(term.Text);
        var bigramParts = new List<string>();
        foreach (var run in runs)
        {
            if (run.Count == 1 && run[0].Length == 1)
                bigramParts.Add(Lex(PgText.Lexeme(run[0].Text), ":*" + bigramWeight));
            else
                bigramParts.Add(string.Join(" <-> ", run.Select(t => Lex(PgText.Lexeme(t.Text), bigramWeight.Length > 0 ? ":" + bigramWeight : ""))));
        }
        // Letters and digits have no bigrams; they must still match, as words.
        var covered = runs.SelectMany(r => r).ToList();
        var wordParts = new List<string>();
        foreach (var t in TextAnalysis.Split(analysis.Analyzer.Search(term.Text)).Words)
        {
            if (covered.Any(b => b.Start < t.Start + t.Length && t.Start < b.Start + b.Length)) continue;
            var pieces = Pieces(t.Text);
            if (pieces.Count > 0) wordParts.Add(string.Join(" <-> ", pieces.Select(p => Lex(p, pieces.Count == 1 ? any : whole))));
        }
        PgCond bigram;
        if (bigramParts.Count == 0 && wordParts.Count == 0) bigram = new PgCond.Match(false, word);
        else
        {
            var conds = new List<PgCond>();
            if (bigramParts.Count > 0) conds.Add(new PgCond.Match(true, string.Join(" & ", bigramParts.Select(p => "(" + p + ")"))));
            if (wordParts.Count > 0) conds.Add(new PgCond.Match(false, string.Join(" & ", wordParts.Select(p => "(" + p + ")"))));
            bigram = conds.Count == 1 ? conds[0] : new PgCond.All(conds);
        }
        return (word, bigram);
    }

    /// <summary>A token's lexemes as the index holds them (split on spaces, cleaned, cut; never empty).</summary>
    private static List<string> Pieces(string token) =>
        PgText.Tokens(token).Select(PgText.Lexeme).Where(l => l.Length > 0).ToList();

    private static string Lex(string lexeme, string weights) => PgText.Quote(lexeme) + weights;
}
