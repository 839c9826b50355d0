using System.Data.Common;
using System.Globalization;

namespace Portal.Indexing.Search;

public sealed partial class PgSearchEngine
{
    /// <summary>How many of the newest visible documents holding a word with the typed prefix are read for the word list.</summary>
    private const int SuggestSample = 100;

    public IReadOnlyList<LegacySearchHit> Similar(DbConnection connection, LegacyIndexDocument document, SearchAccess access, int top)
    {
        var c = Pg(connection);
        EnsureCreated(c);
        var n = Math.Max(1, Convert.ToInt32(Sql.Scalar(c, null, $"SELECT count(*) FROM {Table}"), CultureInfo.InvariantCulture));
        using var df = Sql.Command(c, null, $"SELECT count(*) FROM {Table} m WHERE m.words @@ @w::tsquery", "@w");
        var words = SearchCandidates.DistinctiveWords(_analysis, document, n, word =>
        {
            df.Parameters[0].Value = PgQueryBuilder.Word(word);
            return Convert.ToDouble(df.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
        if (words.Count == 0) return [];
        var filter = FilterOf([], [], [], null, null, access);
        filter = filter with { Sql = filter.Sql + " AND m.id <> @self" };
        filter.Args.Add(("@self", document.Id));
        var candidates = Candidates(c, new PgCond.Match(false, PgQueryBuilder.AnyOf(words)), false, filter, _options.CandidateCap, 0);
        return SearchCandidates.Similar(candidates, top);
    }

    /// <summary>
    /// Titles matching what was typed, then words beginning with the last word typed. Unlike FTS5 (whose vocabulary
    /// counts every document), the words are counted in the newest <see cref="SuggestSample"/> documents the user may
    /// see that hold such a word: PostgreSQL keeps no vocabulary, and a sample of visible documents is also what keeps
    /// restricted words out.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(DbConnection connection, string prefix, SearchAccess access, int top)
    {
        var c = Pg(connection);
        EnsureCreated(c);
        var text = prefix.Trim();
        if (text.Length == 0 || text.Length > 50) return [];
        var result = new List<Suggestion>();
        var filter = FilterOf([], [], [], null, null, access);
        var expr = _query.Build(QueryParser.Parse(text) with { Types = [], Units = [], Years = [] }, titleOnly: true);
        if (expr.Bigrams is not null)
        {
            // The best title matches among the newest few dozen (short titles holding the words rank first).
            foreach (var m in SearchCandidates.Best(Candidates(c, expr.Bigrams, true, filter, Math.Max(50, top), 0)).Take(top))
                result.Add(new Suggestion(m.Title, "title", m.Id));
        }
        var words = _analysis.Words(text);
        var last = words.Count > 0 ? PgText.Lexeme(words[^1]) : "";
        if (last.Length == 0) return result;
        var args = new List<(string, object?)>(filter.Args) { ("@prefix", PgQueryBuilder.Prefix(last)), ("@last", last), ("@sample", SuggestSample) };
        var terms = new List<string>();
        using (var cmd = Sql.Command(c, null,
                   $"SELECT w.lexeme, count(*) AS n FROM (SELECT m.words FROM {Table} m WHERE m.words @@ @prefix::tsquery AND {filter.Sql} " +
                   "ORDER BY m.id DESC LIMIT @sample) d, unnest(d.words) w " +
                   "WHERE starts_with(w.lexeme, @last) AND w.weights && '{A,B}'::text[] GROUP BY w.lexeme ORDER BY n DESC, w.lexeme LIMIT 20"))
        {
            foreach (var (n, v) in args) Sql.Add(cmd, n, v);
            using var r = cmd.ExecuteReader();
            while (r.Read()) terms.Add(r.GetString(0));
        }
        result.AddRange(terms.Where(t => t != last || terms.Count == 1).Take(top).Select(t => new Suggestion(t, "term", null)));
        return result;
    }
}
