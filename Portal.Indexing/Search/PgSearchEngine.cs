using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Portal.Indexing.Search;

/// <summary>
/// The search engine on PostgreSQL: one row per indexed id (documents positive, submissions negative) with the
/// fields it filters and facets on and two tsvectors built in C# from the analyzer's tokens (see
/// <see cref="PgVectorBuilder"/>): <c>words</c> (title A, body B, sub-words C/D, positions kept for phrases) and
/// <c>bigrams</c> (the fallback tier), each with a GIN index. Queries are tsquery literals built by
/// <see cref="PgQueryBuilder"/>; ranking is <c>ts_rank_cd</c> with the title above the body. The contract (tiers,
/// candidate cap, totals, facets, access) is <see cref="SearchCandidates"/>', shared with <see cref="Fts5SearchEngine"/>.
/// No extension is needed; the tables live in the connection's search_path (<c>search_entries</c>).
/// <para>Differences from FTS5, all deliberate:</para>
/// <list type="bullet">
/// <item>Scores are <c>ts_rank_cd</c> (cover density, length-normalised), not BM25: the same documents, in a somewhat
/// different order within a tier.</item>
/// <item>Access is checked inside the candidate scan: the newest <see cref="SearchEngineOptions.CandidateCap"/> matches
/// are visible ones (FTS5 takes the newest matches first, so hidden documents can take some of the slots).</item>
/// <item>No impact lists (<see cref="SearchEngineOptions.ImpactMinDocs"/>, <see cref="SearchEngineOptions.ImpactListSize"/>
/// are FTS5's); <see cref="Optimize"/> is VACUUM ANALYZE and must run outside a transaction.</item>
/// <item>PostgreSQL's tsvector limits (<see cref="PgText"/>): phrases match within a document's first 16,383 tokens,
/// tokens longer than 2,000 bytes are cut, and a text of ~100,000 distinct tokens is indexed up to that point.</item>
/// <item>Suggested words are counted in the newest visible documents holding the prefix, not in the whole index.</item>
/// </list>
/// </summary>
public sealed partial class PgSearchEngine : ILegacySearchEngine
{
    internal const string Table = "search_entries";

    private static readonly string[] Ddl =
    {
        $"CREATE TABLE IF NOT EXISTS {Table} (id integer PRIMARY KEY, title text NOT NULL, doc_type text NOT NULL, " +
        "unit text, unit_norm text, date date, year integer, access text[], words tsvector NOT NULL, bigrams tsvector NOT NULL)",
        $"CREATE INDEX IF NOT EXISTS {Table}_words ON {Table} USING gin (words)",
        $"CREATE INDEX IF NOT EXISTS {Table}_bigrams ON {Table} USING gin (bigrams)",
        $"CREATE INDEX IF NOT EXISTS {Table}_restricted ON {Table} (id) WHERE access IS NOT NULL",
        $"CREATE INDEX IF NOT EXISTS {Table}_date ON {Table} (date, id)",
    };

    /// <summary>Rows per INSERT, and the tsvector text per INSERT beyond which a batch is split.</summary>
    private const int WriteRows = 1000;
    private const long WriteChars = 16_000_000;
    /// <summary>Separates access keys in the written array of joined keys (keys cannot hold it: it is removed).</summary>
    private const char KeySeparator = '\u001f';

    private readonly TextAnalysis _analysis;
    private readonly PgQueryBuilder _query;
    private readonly SearchEngineOptions _options;
    private readonly ConcurrentDictionary<string, bool> _created = new();

    public PgSearchEngine(TextAnalysis analysis, SearchEngineOptions? options = null)
    {
        _analysis = analysis;
        _query = new PgQueryBuilder(analysis);
        _options = options ?? new SearchEngineOptions();
    }

    public TextAnalysis Analysis => _analysis;

    private static NpgsqlConnection Pg(DbConnection connection) =>
        connection as NpgsqlConnection ?? throw new ArgumentException(
            $"{nameof(PgSearchEngine)} works on PostgreSQL and needs an NpgsqlConnection, not a {connection.GetType().Name}; " +
            "use Fts5SearchEngine for SQLite.", nameof(connection));

    private static string Key(DbConnection c) => c.DataSource + "/" + c.Database;

    public void EnsureCreated(DbConnection connection, DbTransaction? transaction = null)
    {
        var c = Pg(connection);
        if (_created.ContainsKey(Key(c))) return;
        if (transaction is not null)
        {
            // In the caller's transaction, which may yet roll back (and take the tables with it): create them when
            // missing, but remember only what was committed, i.e. what a later call without a transaction sees.
            if (Sql.Scalar(c, transaction, $"SELECT to_regclass('{Table}') IS NOT NULL") is true) return;
            Create(c, transaction);
            return;
        }
        using (var tx = c.BeginTransaction())
        {
            Create(c, tx);
            tx.Commit();
        }
        _created[Key(c)] = true;
    }

    private static void Create(NpgsqlConnection c, DbTransaction tx)
    {
        // Instances starting together would race on CREATE … IF NOT EXISTS (a unique violation in the catalog).
        Sql.Execute(c, tx, "SELECT pg_advisory_xact_lock(8231409662)");
        foreach (var sql in Ddl) Sql.Execute(c, tx, sql);
    }

    // ---------------------------------------------------------------- writing

    public void Index(DbConnection connection, DbTransaction? transaction, IReadOnlyList<LegacyIndexDocument> documents)
    {
        if (documents.Count == 0) return;
        Write(connection, transaction, Analyse(documents, parallel: documents.Count >= 32));
    }

    public PreparedBatch Prepare(IReadOnlyList<LegacyIndexDocument> documents) => Analyse(documents, parallel: true);

    /// <summary>The analysis and the tsvector literals, both pure: on worker threads when parallel.</summary>
    private PreparedBatch Analyse(IReadOnlyList<LegacyIndexDocument> documents, bool parallel)
    {
        var analysed = new (TextAnalysis.Streams Title, TextAnalysis.Streams Body)[documents.Count];
        var encoded = new object?[documents.Count];
        void One(int i)
        {
            analysed[i] = (_analysis.Analyze(documents[i].Title), _analysis.Analyze(documents[i].Body));
            encoded[i] = PgVectorBuilder.Vectors(analysed[i].Title, analysed[i].Body);
        }
        if (parallel) Parallel.For(0, documents.Count, One);
        else for (var i = 0; i < documents.Count; i++) One(i);
        return new PreparedBatch(documents, analysed, encoded);
    }

    /// <summary>Writes an analysed batch in the caller's transaction: multi-row upserts from arrays (unnest).</summary>
    public void Write(DbConnection connection, DbTransaction? transaction, PreparedBatch batch)
    {
        var c = Pg(connection);
        if (transaction is null && batch.Documents.Count > WriteRows)
        {
            // A batch of several statements is written whole or not at all.
            using var own = c.BeginTransaction();
            Write(c, own, batch);
            own.Commit();
            return;
        }
        EnsureCreated(c, transaction);
        // The last entry of an id wins (one upsert cannot touch a row twice).
        var last = new Dictionary<int, int>();
        for (var i = 0; i < batch.Documents.Count; i++) last[batch.Documents[i].Id] = i;
        var rows = last.Values.Order().ToList();
        var chunk = new List<(LegacyIndexDocument Document, string Words, string Bigrams)>();
        long chars = 0;
        foreach (var i in rows)
        {
            var (words, bigrams) = batch.Encoded?[i] is ValueTuple<string, string> e ? e
                : PgVectorBuilder.Vectors(batch.Analysed[i].Title, batch.Analysed[i].Body);
            chunk.Add((batch.Documents[i], words, bigrams));
            chars += words.Length + bigrams.Length;
            if (chunk.Count >= WriteRows || chars >= WriteChars) { Upsert(c, transaction, chunk); chunk.Clear(); chars = 0; }
        }
        if (chunk.Count > 0) Upsert(c, transaction, chunk);
    }

    private void Upsert(NpgsqlConnection c, DbTransaction? tx, List<(LegacyIndexDocument Document, string Words, string Bigrams)> rows)
    {
        using var cmd = Sql.Command(c, tx,
            $"INSERT INTO {Table} (id, title, doc_type, unit, unit_norm, date, year, access, words, bigrams) " +
            "SELECT u.id, u.title, u.doc_type, u.unit, u.unit_norm, u.date::date, date_part('year', u.date::date)::int, " +
            $"CASE WHEN u.access IS NULL THEN NULL WHEN u.access = '' THEN '{{}}'::text[] ELSE string_to_array(u.access, chr({(int)KeySeparator})) END, " +
            "u.words::tsvector, u.bigrams::tsvector " +
            "FROM unnest(@id::int[], @title::text[], @type::text[], @unit::text[], @unit_norm::text[], @date::text[], @access::text[], @words::text[], @bigrams::text[]) " +
            "AS u(id, title, doc_type, unit, unit_norm, date, access, words, bigrams) " +
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, doc_type = excluded.doc_type, unit = excluded.unit, " +
            "unit_norm = excluded.unit_norm, date = excluded.date, year = excluded.year, access = excluded.access, " +
            "words = excluded.words, bigrams = excluded.bigrams");
        Sql.Add(cmd, "@id", rows.Select(r => r.Document.Id).ToArray());
        Sql.Add(cmd, "@title", rows.Select(r => PgText.Clean(r.Document.Title)).ToArray());
        Sql.Add(cmd, "@type", rows.Select(r => PgText.Clean(r.Document.DocType)).ToArray());
        Sql.Add(cmd, "@unit", rows.Select(r => r.Document.Unit is { } u ? PgText.Clean(u) : null).ToArray());
        Sql.Add(cmd, "@unit_norm", rows.Select(r => r.Document.Unit is { } u ? PgText.Clean(_analysis.Analyzer.Normalize(u)) : null).ToArray());
        Sql.Add(cmd, "@date", rows.Select(r => r.Document.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray());
        Sql.Add(cmd, "@access", rows.Select(r => r.Document.Access is { } a
            ? string.Join(KeySeparator, a.Select(AccessKey).Where(k => k.Length > 0)) : null).ToArray());
        Sql.Add(cmd, "@words", rows.Select(r => r.Words).ToArray());
        Sql.Add(cmd, "@bigrams", rows.Select(r => r.Bigrams).ToArray());
        cmd.ExecuteNonQuery();
    }

    private static string AccessKey(string key) => PgText.Clean(key).Replace(KeySeparator.ToString(), "", StringComparison.Ordinal);

    public void Remove(DbConnection connection, DbTransaction? transaction, IReadOnlyList<int> ids)
    {
        if (ids.Count == 0) return;
        var c = Pg(connection);
        EnsureCreated(c, transaction);
        using var cmd = Sql.Command(c, transaction, $"DELETE FROM {Table} WHERE id = ANY(@ids)");
        Sql.Add(cmd, "@ids", ids.ToArray());
        cmd.ExecuteNonQuery();
    }

    public void Clear(DbConnection connection)
    {
        var c = Pg(connection);
        Sql.Execute(c, null, $"DROP TABLE IF EXISTS {Table}");
        _created.TryRemove(Key(c), out _);
        EnsureCreated(c);
    }

    /// <summary>
    /// VACUUM ANALYZE: folds the GIN indexes' pending lists into the trees and refreshes the planner's statistics.
    /// VACUUM cannot run in a transaction: call this outside one.
    /// </summary>
    public void Optimize(DbConnection connection)
    {
        var c = Pg(connection);
        EnsureCreated(c);
        try { Sql.Execute(c, null, $"VACUUM (ANALYZE) {Table}"); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ActiveSqlTransaction)
        {
            throw new InvalidOperationException("Optimize runs VACUUM, which PostgreSQL cannot run inside a transaction: call it outside one.", e);
        }
    }

    public IEnumerable<int> IndexedIds(DbConnection connection)
    {
        var c = Pg(connection);
        EnsureCreated(c);
        // Read whole: the connection runs one command at a time, and the caller may use it while going through the ids.
        using var cmd = Sql.Command(c, null, $"SELECT id FROM {Table} ORDER BY id");
        using var r = cmd.ExecuteReader();
        var ids = new List<int>();
        while (r.Read()) ids.Add(r.GetInt32(0));
        return ids;
    }
}
