using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Portal.Indexing.Search;

/// <summary>
/// The search engine on SQLite FTS5. FTS5's tokenizers cannot segment Chinese, so the analyzer's tokens are
/// stored space-separated and FTS5's unicode61 tokenizer only splits them on the spaces again ('.' and '%'
/// are token characters so that 92.3% stays one token, as the analyzer emits it). The FTS table is
/// contentless: the text lives in the portal's Documents table, snippets are cut from it.
/// </summary>
public sealed class Fts5SearchEngine : ILegacySearchEngine
{
    private const string Fts = "search_fts";
    private const string Meta = "search_meta";
    private const string Vocab = "search_vocab";
    private const string Instances = "search_vocab_instance";

    private static readonly string[] Ddl =
    {
        $"CREATE VIRTUAL TABLE IF NOT EXISTS {Fts} USING fts5(title, body, title_x, body_x, title_bg, body_bg, " +
        "content='', contentless_delete=1, detail=full, tokenize=\"unicode61 remove_diacritics 0 tokenchars '.%'\")",
        $"CREATE TABLE IF NOT EXISTS {Meta} (id INTEGER PRIMARY KEY, title TEXT NOT NULL, doc_type TEXT NOT NULL, " +
        "unit TEXT, unit_norm TEXT, year INTEGER, date TEXT, access TEXT, length INTEGER)",
        $"CREATE INDEX IF NOT EXISTS {Meta}_restricted ON {Meta} (id) WHERE access IS NOT NULL",
        $"CREATE VIRTUAL TABLE IF NOT EXISTS {Vocab} USING fts5vocab({Fts}, 'col')",
        // Every occurrence of a term (document, column): the impact lists are scored from it.
        $"CREATE VIRTUAL TABLE IF NOT EXISTS {Instances} USING fts5vocab({Fts}, 'instance')",
    };

    private readonly TextAnalysis _analysis;
    private readonly Fts5MatchBuilder _match;
    private readonly SearchEngineOptions _options;
    private readonly ConcurrentDictionary<string, bool> _created = new();
    private readonly ImpactLists _impact;

    public Fts5SearchEngine(TextAnalysis analysis, SearchEngineOptions? options = null)
    {
        _analysis = analysis;
        _match = new Fts5MatchBuilder(analysis);
        _options = options ?? new SearchEngineOptions();
        _impact = new ImpactLists(_options);
    }

    public TextAnalysis Analysis => _analysis;
    public Fts5MatchBuilder MatchBuilder => _match;

    public void EnsureCreated(DbConnection connection, DbTransaction? transaction = null)
    {
        if (_created.ContainsKey(Key(connection))) return;
        // An index made before documents' lengths were kept gets the column (its impact lists are built on the next optimize).
        if (LacksColumn(connection, transaction, Meta, "length"))
            Sql.Execute(connection, transaction, $"ALTER TABLE {Meta} ADD COLUMN length INTEGER");
        // Lists written before they carried their documents' fields are dropped; the next Optimize (a large import,
        // `reindex`) builds them again, and until then frequent words are scored by FTS5 (same results, slower).
        if (LacksColumn(connection, transaction, ImpactLists.Table, "fields"))
            foreach (var sql in ImpactLists.Drop) Sql.Execute(connection, transaction, sql);
        foreach (var sql in Ddl.Concat(ImpactLists.Ddl)) Sql.Execute(connection, transaction, sql);
        _created[Key(connection)] = true;
    }

    private static string Key(DbConnection c) => c.DataSource ?? c.ConnectionString;

    /// <summary>Whether the table exists without the column (an index made by an earlier version).</summary>
    private static bool LacksColumn(DbConnection c, DbTransaction? tx, string table, string column) =>
        Convert.ToInt32(Sql.Scalar(c, tx, $"SELECT count(*) FROM sqlite_master WHERE name = '{table}'"), CultureInfo.InvariantCulture) == 1 &&
        Convert.ToInt32(Sql.Scalar(c, tx, $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'"), CultureInfo.InvariantCulture) == 0;

    // ---------------------------------------------------------------- writing

    public void Index(DbConnection connection, DbTransaction? transaction, IReadOnlyList<LegacyIndexDocument> documents)
    {
        if (documents.Count == 0) return;
        EnsureCreated(connection, transaction);
        var analysed = new (TextAnalysis.Streams Title, TextAnalysis.Streams Body)[documents.Count];
        // Analysis is the expensive part and is pure; SQLite takes one writer, so only the analysis runs in parallel.
        if (documents.Count >= 32)
            Parallel.For(0, documents.Count, i => analysed[i] = (_analysis.Analyze(documents[i].Title), _analysis.Analyze(documents[i].Body)));
        else
            for (var i = 0; i < documents.Count; i++)
                analysed[i] = (_analysis.Analyze(documents[i].Title), _analysis.Analyze(documents[i].Body));
        Write(connection, transaction, documents, analysed);
    }

    public PreparedBatch Prepare(IReadOnlyList<LegacyIndexDocument> documents)
    {
        var analysed = new (TextAnalysis.Streams, TextAnalysis.Streams)[documents.Count];
        Parallel.For(0, documents.Count, i => analysed[i] = (_analysis.Analyze(documents[i].Title), _analysis.Analyze(documents[i].Body)));
        return new PreparedBatch(documents, analysed);
    }

    /// <summary>Writes an analysed batch in the caller's transaction.</summary>
    public void Write(DbConnection connection, DbTransaction? transaction, PreparedBatch batch)
    {
        EnsureCreated(connection, transaction);
        Write(connection, transaction, batch.Documents, batch.Analysed);
    }

    private void Write(DbConnection connection, DbTransaction? transaction, IReadOnlyList<LegacyIndexDocument> documents,
        (TextAnalysis.Streams Title, TextAnalysis.Streams Body)[] analysed)
    {
        using var exists = Sql.Command(connection, transaction, $"SELECT 1 FROM {Meta} WHERE id = $id", "$id");
        using var delete = Sql.Command(connection, transaction, $"DELETE FROM {Fts} WHERE rowid = $id", "$id");
        using var insert = Sql.Command(connection, transaction,
            $"INSERT INTO {Fts} (rowid, title, body, title_x, body_x, title_bg, body_bg) VALUES ($id, $t, $b, $tx, $bx, $tb, $bb)",
            "$id", "$t", "$b", "$tx", "$bx", "$tb", "$bb");
        // A plain INSERT (a replaced document's row is deleted first): INSERT OR REPLACE makes SQLite open a statement
        // savepoint, and FTS5 writes its pending terms to disk at every savepoint, so each document became a segment of
        // its own, merged again and again (two thirds of a bulk import's writer time).
        using var deleteMeta = Sql.Command(connection, transaction, $"DELETE FROM {Meta} WHERE id = $id", "$id");
        using var meta = Sql.Command(connection, transaction,
            $"INSERT INTO {Meta} (id, title, doc_type, unit, unit_norm, year, date, access, length) VALUES ($id, $t, $ty, $u, $un, $y, $d, $a, $len)",
            "$id", "$t", "$ty", "$u", "$un", "$y", "$d", "$a", "$len");
        using var unlist = Sql.Command(connection, transaction, $"DELETE FROM {ImpactLists.Table} WHERE id = $id", "$id");
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var (t, b) = analysed[i];
            exists.Parameters[0].Value = d.Id;
            if (exists.ExecuteScalar() is not null)
            {
                delete.Parameters[0].Value = d.Id;
                delete.ExecuteNonQuery();
                deleteMeta.Parameters[0].Value = d.Id;
                deleteMeta.ExecuteNonQuery();
                ImpactLists.Remove(unlist, d.Id);
            }
            Sql.Set(insert, d.Id, t.Words, b.Words, t.SubWords, b.SubWords, t.Bigrams, b.Bigrams);
            insert.ExecuteNonQuery();
            Sql.Set(meta, d.Id, d.Title, d.DocType, d.Unit, d.Unit is null ? null : _analysis.Analyzer.Normalize(d.Unit),
                d.Date?.Year, d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                d.Access is null ? null : " " + string.Join(' ', d.Access) + " ", ImpactLists.Length(t, b));
            meta.ExecuteNonQuery();
        }
        _impact.Add(connection, transaction, Key(connection), Meta, documents, analysed);
    }

    public void Remove(DbConnection connection, DbTransaction? transaction, IReadOnlyList<int> ids)
    {
        if (ids.Count == 0) return;
        EnsureCreated(connection, transaction);
        using var delete = Sql.Command(connection, transaction, $"DELETE FROM {Fts} WHERE rowid = $id", "$id");
        using var meta = Sql.Command(connection, transaction, $"DELETE FROM {Meta} WHERE id = $id", "$id");
        using var unlist = Sql.Command(connection, transaction, $"DELETE FROM {ImpactLists.Table} WHERE id = $id", "$id");
        foreach (var id in ids)
        {
            meta.Parameters[0].Value = id;
            if (meta.ExecuteNonQuery() == 0) continue;
            delete.Parameters[0].Value = id;
            delete.ExecuteNonQuery();
            ImpactLists.Remove(unlist, id);
        }
    }

    public void Clear(DbConnection connection)
    {
        Sql.Execute(connection, null, $"DROP TABLE IF EXISTS {Vocab}");
        Sql.Execute(connection, null, $"DROP TABLE IF EXISTS {Instances}");
        Sql.Execute(connection, null, $"DROP TABLE IF EXISTS {Fts}");
        Sql.Execute(connection, null, $"DROP TABLE IF EXISTS {Meta}");
        foreach (var sql in ImpactLists.Drop) Sql.Execute(connection, null, sql);
        _created.TryRemove(Key(connection), out _);
        _impact.Forget(Key(connection));
        EnsureCreated(connection);
    }

    public void Optimize(DbConnection connection)
    {
        EnsureCreated(connection);
        Sql.Execute(connection, null, $"INSERT INTO {Fts}({Fts}) VALUES('optimize')");
        _impact.Build(connection, Fts, Vocab, Instances, Meta);
        // The merge rewrote the whole index into the write-ahead log. Copy it into the database file now and empty the
        // log: readers then take pages straight from the mapped file instead of looking each one up in a large WAL
        // (the first searches after a 333k-document import were twice as slow). Waits for running readers at most
        // the busy timeout; if they outlast it, SQLite's own checkpoints finish the work later.
        Sql.Execute(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    public IEnumerable<int> IndexedIds(DbConnection connection)
    {
        EnsureCreated(connection);
        using var cmd = Sql.Command(connection, null, $"SELECT id FROM {Meta} ORDER BY id");
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return r.GetInt32(0);
    }

    // ---------------------------------------------------------------- searching

    public LegacySearchResults Search(DbConnection connection, SearchRequest request)
    {
        EnsureCreated(connection);
        var q = request.Query;
        var expr = _match.Build(q);
        var filter = FilterOf(q, request);
        var cap = Math.Max(_options.CandidateCap, request.Page * request.PageSize);
        List<SearchCandidate> all;
        var lowerBound = false;
        int total;
        int? facetsOfTop = null;
        if (expr.Words is null)
        {
            if (!q.HasFilters && request.From is null && request.To is null) return LegacySearchResults.Empty;
            var excl = _match.ExclusionsOnly(q);
            var sql = new StringBuilder($"SELECT m.id, 0.0, {SearchCandidates.SqlitePackedFields} FROM {Meta} m WHERE {filter.Sql}");
            var args = new List<(string, object?)>(filter.Args);
            if (excl is not null)
            {
                sql.Append($" AND m.id NOT IN (SELECT rowid FROM {Fts} WHERE {Fts} MATCH $excl)");
                args.Add(("$excl", excl));
            }
            sql.Append(" ORDER BY m.date DESC, m.id DESC LIMIT $cap");
            args.Add(("$cap", cap + 1));
            all = SearchCandidates.ReadPacked(connection, sql.ToString(), args, 0);
            lowerBound = all.Count > cap;
            if (lowerBound) all.RemoveAt(all.Count - 1);
            total = all.Count;
        }
        else if (ListedPage(connection, q, expr, filter, request) is { } listed)
        {
            (all, total, lowerBound) = listed;
            facetsOfTop = all.Count;
        }
        else
        {
            (all, total, lowerBound) = SearchCandidates.Tiers(_options, request, cap,
                limit => Candidates(connection, expr.Words, filter, limit, 0),
                (limit, scored) => Candidates(connection, expr.Bigrams!, filter, limit, 1, scored),
                limit => Count(connection, $"({expr.Words}) OR ({expr.Bigrams})", filter, limit));
        }

        var results = SearchCandidates.Results(all, request, total, lowerBound, facetsOfTop);
        return results with { Hits = WithTitles(connection, results.Hits) };
    }

    /// <summary>
    /// The titles of the hits shown. Candidates are read without titles (ordering and facets do not need them):
    /// decoding a title for each of 200–300 candidates cost a quarter of a one-word query.
    /// </summary>
    private static List<LegacySearchHit> WithTitles(DbConnection c, IReadOnlyList<LegacySearchHit> hits)
    {
        if (hits.Count == 0) return [];
        var ids = string.Join(',', hits.Select(h => h.Id.ToString(CultureInfo.InvariantCulture)));
        var titles = new Dictionary<int, string>();
        using (var cmd = Sql.Command(c, null, $"SELECT id, title FROM {Meta} WHERE id IN ({ids})"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) titles[r.GetInt32(0)] = r.GetString(1);
        return hits.Select(h => h with { Title = titles.GetValueOrDefault(h.Id, "") }).ToList();
    }

    /// <summary>
    /// A one-word query on a frequent word, by relevance, without narrowing filters: the page comes from the word's
    /// impact list (<see cref="ImpactLists"/>) instead of scoring its matches. Null when the list cannot serve it.
    /// </summary>
    private (List<SearchCandidate> All, int Total, bool LowerBound)? ListedPage(
        DbConnection c, SearchQuery q, Fts5MatchBuilder.Expressions expr, Filter filter, SearchRequest request)
    {
        if (request.Sort != SearchSort.Relevance || filter.Narrows || q.Excluded.Count > 0 || q.Required.Count != 1 || q.Required[0].Alternatives.Count != 1)
            return null;
        var words = _analysis.Words(q.Required[0].Alternatives[0].Text);
        if (words.Count != 1 || !_impact.TryGetThreshold(c, Key(c), words[0], out var threshold)) return null;
        var word = words[0];
        var args = new List<(string, object?)>(filter.Args) { ("$w", word), ("$th", threshold) };
        // The list rows carry the packed fields and the access keys (the filter here is access only: it does not narrow),
        // so the page and the facets come from one range of the list without visiting 200 scattered search_meta rows.
        var listed = SearchCandidates.ReadPacked(c,
            $"SELECT m.id, m.score, m.fields FROM {ImpactLists.Table} m WHERE m.term = $w AND m.score < $th AND {filter.Sql} ORDER BY m.score", args, 0);
        if (listed.Count < request.Page * request.PageSize) return null;

        // The total, counted without scoring up to the limit (beyond it: "more than"), bigram-only matches included.
        // A Han word spelled by its one run of bigrams occurs only where the run does, so the run alone counts them all.
        var runs = _analysis.BigramRuns(q.Required[0].Alternatives[0].Text);
        var matches = runs.Count == 1 && TextAnalysis.IsSpelledBy(word, runs[0].ConvertAll(t => t.Text)) ? expr.Bigrams! : $"({expr.Words}) OR ({expr.Bigrams})";
        var limit = Math.Max(_options.ExactCountLimit, listed.Count);
        var total = Math.Max(listed.Count, Count(c, matches, filter, limit));
        return (listed, total, total >= limit);
    }

    private string Bm25 =>
        string.Create(CultureInfo.InvariantCulture,
            $"bm25({Fts}, {_options.TitleWeight}, 1.0, {_options.TitleWeight * _options.SubWordWeight}, {_options.SubWordWeight}, {_options.TitleWeight}, 1.0)");

    private List<SearchCandidate> Candidates(DbConnection c, string match, Filter filter, int limit, int tier, bool scored = true)
    {
        // BM25 is the expensive part (it counts each phrase's documents and looks up every match's size);
        // unscored rows are for counting and facets only.
        var bm25 = scored ? Bm25 : "0.0";
        var args = new List<(string, object?)>(filter.Args) { ("$match", match), ("$limit", limit) };
        // The newest matches of each source: positive ids (documents) newest first, negative ids (other sources,
        // e.g. submissions as -id) newest first too. When both are many, each keeps its share of the limit, so
        // neither crowds out the other.
        var documents = SearchCandidates.ReadPacked(c, CandidateSql(bm25, filter, "> 0", "DESC"), args, tier);
        var others = SearchCandidates.ReadPacked(c, CandidateSql(bm25, filter, "< 0", "ASC"), args, tier);
        return SearchCandidates.Share(documents, others, limit);
    }

    private string CandidateSql(string bm25, Filter filter, string ids, string order) =>
        filter.Narrows
            // Type, unit, year or date filters may leave few of the newest matches: filter inside the scan.
            ? $"SELECT m.id, {bm25}, {SearchCandidates.SqlitePackedFields} FROM {Fts} JOIN {Meta} m ON m.id = {Fts}.rowid " +
              $"WHERE {Fts} MATCH $match AND {Fts}.rowid {ids} AND {filter.Sql} ORDER BY {Fts}.rowid {order} LIMIT $limit"
            // Newest matches first, straight from FTS5 (which stops after `limit` rows and scores only those),
            // then their fields. Joining inside the scan costs ten times as much: SQLite then scores every match.
            : $"SELECT m.id, f.score, {SearchCandidates.SqlitePackedFields} FROM " +
              $"(SELECT rowid AS id, {bm25} AS score FROM {Fts} WHERE {Fts} MATCH $match AND rowid {ids} ORDER BY rowid {order} LIMIT $limit) f " +
              $"JOIN {Meta} m ON m.id = f.id WHERE {filter.Sql}";

    private int Count(DbConnection c, string match, Filter filter, int limit)
    {
        if (!filter.Narrows)
        {
            // Without narrowing filters only access can hide a match, and only restricted documents are hidden: when
            // the first limit + R matches are there (R: restricted documents in the index), at least `limit` are
            // visible, and FTS5 counts them without reading a single document's fields.
            var restricted = Convert.ToInt32(Sql.Scalar(c, null, $"SELECT count(*) FROM {Meta} WHERE access IS NOT NULL"), CultureInfo.InvariantCulture);
            using var bare = Sql.Command(c, null, $"SELECT count(*) FROM (SELECT 1 FROM {Fts} WHERE {Fts} MATCH $match LIMIT $limit)", "$match", "$limit");
            Sql.Set(bare, match, limit + restricted);
            var matches = Convert.ToInt32(bare.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (matches >= limit + restricted) return limit;
            if (restricted == 0) return matches;
        }
        var sql = filter.Narrows
            ? $"SELECT count(*) FROM (SELECT 1 FROM {Fts} JOIN {Meta} m ON m.id = {Fts}.rowid WHERE {Fts} MATCH $match AND {filter.Sql} LIMIT $limit)"
            : $"SELECT count(*) FROM (SELECT rowid AS id FROM {Fts} WHERE {Fts} MATCH $match LIMIT $limit) f JOIN {Meta} m ON m.id = f.id WHERE {filter.Sql}";
        using var cmd = Sql.Command(c, null, sql);
        foreach (var (n, v) in filter.Args.Append(("$match", match)).Append(("$limit", limit))) Sql.Add(cmd, n, v);
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <param name="Narrows">True when a type, unit, year or date condition is present (not just access).</param>
    private sealed record Filter(string Sql, List<(string, object?)> Args, bool Narrows);

    private Filter FilterOf(SearchQuery q, SearchRequest request) =>
        FilterOf(q.Types, q.Units, q.Years, request.From, request.To, request.Access);

    private Filter FilterOf(IReadOnlyList<string> types, IReadOnlyList<string> units,
        IReadOnlyList<int> years, DateOnly? from, DateOnly? to, SearchAccess access)
    {
        var parts = new List<string> { "1=1" };
        var args = new List<(string, object?)>();
        var n = 0;
        string P(object? v) { var name = "$f" + n++; args.Add((name, v)); return name; }

        if (!access.All)
        {
            var ors = new List<string> { "m.access IS NULL" };
            foreach (var k in access.Keys) ors.Add($"instr(m.access, {P(" " + k + " ")}) > 0");
            parts.Add("(" + string.Join(" OR ", ors) + ")");
        }
        if (types.Count > 0)
            parts.Add("m.doc_type IN (" + string.Join(", ", types.SelectMany(t => new[] { t, _analysis.Analyzer.Normalize(t) }).Distinct().Select(t => P(t))) + ")");
        if (units.Count > 0)
            parts.Add("(" + string.Join(" OR ", units.Select(u => $"instr(m.unit_norm, {P(_analysis.Analyzer.Normalize(u))}) > 0")) + ")");
        if (years.Count > 0)
            parts.Add("m.year IN (" + string.Join(", ", years.Select(y => P(y))) + ")");
        if (from is { } f) parts.Add($"m.date >= {P(f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        if (to is { } t) parts.Add($"m.date <= {P(t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        var narrows = types.Count > 0 || units.Count > 0 || years.Count > 0 || from is not null || to is not null;
        return new Filter(string.Join(" AND ", parts), args, narrows);
    }

    // ---------------------------------------------------------------- similar documents, suggestions

    public IReadOnlyList<LegacySearchHit> Similar(DbConnection connection, LegacyIndexDocument document, SearchAccess access, int top)
    {
        EnsureCreated(connection);
        var n = Math.Max(1, Scalar(connection, $"SELECT count(*) FROM {Meta}"));
        using var df = Sql.Command(connection, null, $"SELECT coalesce(max(doc), 0) FROM {Vocab} WHERE term = $t AND col IN ('title', 'body')", "$t");
        var words = SearchCandidates.DistinctiveWords(_analysis, document, n, word =>
        {
            df.Parameters[0].Value = word;
            return Convert.ToDouble(df.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
        if (words.Count == 0) return [];
        var filter = FilterOf([], [], [], null, null, access);
        filter = filter with { Sql = filter.Sql + " AND m.id <> $self" };
        filter.Args.Add(("$self", document.Id));
        var candidates = Candidates(connection, Fts5MatchBuilder.AnyOf(words), filter, _options.CandidateCap, 0);
        return WithTitles(connection, SearchCandidates.Similar(candidates, top));
    }

    public IReadOnlyList<Suggestion> Suggest(DbConnection connection, string prefix, SearchAccess access, int top)
    {
        EnsureCreated(connection);
        var text = prefix.Trim();
        if (text.Length == 0 || text.Length > 50) return [];
        var result = new List<Suggestion>();
        var query = QueryParser.Parse(text);
        var filter = FilterOf([], [], [], null, null, access);
        var expr = _match.Build(query with { Types = [], Units = [], Years = [] });
        if (expr.Bigrams is not null)
        {
            var titleOnly = expr.Bigrams.Replace(Fts5MatchBuilder.BigramColumns, "{title_bg}").Replace(Fts5MatchBuilder.WordColumns, "{title title_x}");
            // The best title matches among the newest few dozen (short titles holding the words rank first).
            var best = SearchCandidates.Best(Candidates(connection, titleOnly, filter, Math.Max(50, top), 0)).Take(top).Select(SearchCandidates.Hit).ToList();
            foreach (var h in WithTitles(connection, best))
                result.Add(new Suggestion(h.Title, "title", h.Id));
        }
        // Frequent words that begin with the last word typed; each must occur in a document the user may see.
        var words = _analysis.Words(text);
        var last = words.Count > 0 ? words[^1] : null;
        if (last is not null)
        {
            using var cmd = Sql.Command(connection, null,
                $"SELECT term, sum(doc) AS n FROM {Vocab} WHERE term >= $p AND term < $q AND col IN ('title', 'body') GROUP BY term ORDER BY n DESC LIMIT 20",
                "$p", "$q");
            cmd.Parameters[0].Value = last;
            cmd.Parameters[1].Value = last + "\uFFFF";
            var terms = new List<string>();
            using (var r = cmd.ExecuteReader())
                while (r.Read()) terms.Add(r.GetString(0));
            var head = text[..Math.Max(0, text.Length - last.Length)];
            foreach (var term in terms.Where(t => t != last || terms.Count == 1))
            {
                if (result.Count(s => s.Kind == "term") >= top) break;
                if (Candidates(connection, Fts5MatchBuilder.WordColumns + " : " + Fts5MatchBuilder.Quote(term), filter, 1, 0).Count == 0) continue;
                result.Add(new Suggestion(term, "term", null));
            }
        }
        return result;
    }

    private static int Scalar(DbConnection c, string sql) => Convert.ToInt32(Sql.Scalar(c, null, sql), CultureInfo.InvariantCulture);
}
