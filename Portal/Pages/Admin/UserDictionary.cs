using System.Text.Json;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

namespace Portal.Pages.Admin;

/// <summary>A word administrators add to the analyzer's dictionary (用户词典), with an optional frequency.</summary>
public class DictionaryWord
{
    public int Id { get; set; }
    public string Word { get; set; } = "";
    public int? Frequency { get; set; }
    public DateTime AddedAt { get; set; }
    public string? AddedBy { get; set; }
}

/// <summary>A small key/value table for state shared by every portal instance (e.g. the dictionary the index was built with).</summary>
public class PortalSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class DictionaryWordConfiguration : IEntityTypeConfiguration<DictionaryWord>
{
    public void Configure(EntityTypeBuilder<DictionaryWord> e)
    {
        e.ToTable("DictionaryWords");
        e.Property(w => w.Word).HasMaxLength(UserDictionary.MaxWordLength).IsRequired();
        e.Property(w => w.AddedBy).HasMaxLength(256);
        e.HasIndex(w => w.Word).IsUnique();
    }
}

internal sealed class PortalSettingConfiguration : IEntityTypeConfiguration<PortalSetting>
{
    public void Configure(EntityTypeBuilder<PortalSetting> e)
    {
        e.ToTable("PortalSettings");
        e.HasKey(s => s.Key);
        e.Property(s => s.Key).HasMaxLength(100);
    }
}

/// <summary>
/// The user dictionary. Administrators edit the list; it takes effect when the index is rebuilt (`reindex`):
/// the rebuild records the words it used, and every instance analyses documents and queries with exactly that
/// recorded list, so index and queries always agree — edits made since the last rebuild wait for the next one.
/// </summary>
public static class UserDictionary
{
    public const int MaxWordLength = 20;
    public const string IndexedKey = "search.user-dictionary.indexed";

    /// <summary>Why a word cannot be added, in Chinese, or null when it can.</summary>
    public static string? Validate(string? word, int? frequency)
    {
        if (string.IsNullOrWhiteSpace(word)) return "请输入词语。";
        var w = word.Trim();
        if (w.Length > MaxWordLength) return $"词语不能超过 {MaxWordLength} 个字。";
        if (w.Length < 2) return "词语至少需要 2 个字。";
        if (w.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsPunctuation(c) || char.IsSymbol(c)))
            return "词语不能包含空格、标点或符号。";
        if (frequency is < 1 or > 10_000_000) return "词频应为 1 到 10000000 之间的整数（可不填）。";
        return null;
    }

    /// <summary>The analyzer for a word list: the embedded dictionaries plus the user's words.</summary>
    public static ChineseAnalyzer AnalyzerFor(IReadOnlyList<UserWord> words) =>
        words.Count == 0 ? ChineseAnalyzer.Default : ChineseAnalyzer.Create(new AnalyzerOptions { UserWords = words });

    /// <summary>The words the current index was built with ("" when never recorded, or before the database exists:
    /// services are built before the start-up migrations create it).</summary>
    public static string IndexedSnapshot(PortalConnection connection)
    {
        try
        {
            using var c = connection.Open();
            return IndexedSnapshot(c);
        }
        catch (DbException) { return ""; }
    }

    public static string IndexedSnapshot(DbConnection c)
    {
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """SELECT "Value" FROM "PortalSettings" WHERE "Key" = @k""";
            cmd.AddParameter("k", IndexedKey);
            return cmd.ExecuteScalar() as string ?? "";
        }
        catch (DbException) { return ""; } // before the migrations have run
    }

    public static IReadOnlyList<UserWord> Parse(string snapshot) =>
        string.IsNullOrEmpty(snapshot) ? [] : JsonSerializer.Deserialize<List<SnapshotWord>>(snapshot)!.Select(w => new UserWord(w.W, w.F)).ToList();

    public static string Snapshot(IEnumerable<DictionaryWord> words) =>
        JsonSerializer.Serialize(words.OrderBy(w => w.Word, StringComparer.Ordinal).Select(w => new SnapshotWord(w.Word, w.Frequency)));

    public sealed record SnapshotWord(string W, int? F);
}

/// <summary>Edits the word list and rebuilds the index with it.</summary>
public sealed class UserDictionaryService(PortalDbContext db, TextAnalysis analysis, PortalConnection connection, Infrastructure.AuditLog audit, TimeProvider time)
{
    public Task<List<DictionaryWord>> ListAsync() => db.Set<DictionaryWord>().AsNoTracking().OrderBy(w => w.Word).ToListAsync();

    /// <summary>True when the list differs from the words the index was built with (a rebuild is pending).</summary>
    public async Task<bool> PendingAsync()
    {
        using var c = connection.Open();
        return Snapshot(await ListAsync()) != UserDictionary.IndexedSnapshot(c);
    }

    private static string Snapshot(List<DictionaryWord> words) => words.Count == 0 ? "" : UserDictionary.Snapshot(words);

    /// <returns>The word as added (trimmed).</returns>
    /// <exception cref="Infrastructure.RuleException">With a Chinese message when the word cannot be added.</exception>
    public async Task<string> AddAsync(string? word, int? frequency, string? by)
    {
        if (UserDictionary.Validate(word, frequency) is { } error) throw new Infrastructure.RuleException(error);
        var w = word!.Trim();
        if (await db.Set<DictionaryWord>().AnyAsync(x => x.Word == w)) throw new Infrastructure.RuleException($"“{w}”已在词典中。");
        db.Add(new DictionaryWord { Word = w, Frequency = frequency, AddedAt = time.GetUtcNow().UtcDateTime, AddedBy = by });
        audit.Add("添加用户词", "DictionaryWord", w, after: frequency?.ToString());
        await db.SaveChangesAsync();
        return w;
    }

    public async Task<bool> RemoveAsync(int id)
    {
        var word = await db.Set<DictionaryWord>().FirstOrDefaultAsync(w => w.Id == id);
        if (word is null) return false;
        db.Remove(word);
        audit.Add("删除用户词", "DictionaryWord", word.Word);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>
    /// Switches the analyzer to the current list, rebuilds the whole index with it, and records the list as the
    /// index's dictionary (other instances pick it up from there). Used by the `reindex` verb.
    /// </summary>
    public async Task<int> RebuildIndexAsync(Search.SearchIndexFollower follower, Action<Search.SearchIndexProgress>? progress, CancellationToken ct = default)
    {
        var words = await ListAsync();
        var snapshot = Snapshot(words);
        analysis.Use(UserDictionary.AnalyzerFor(UserDictionary.Parse(snapshot)));
        var done = await follower.RebuildAsync(progress, ct);
        var setting = await db.Set<PortalSetting>().FirstOrDefaultAsync(s => s.Key == UserDictionary.IndexedKey, ct);
        if (setting is null) db.Add(new PortalSetting { Key = UserDictionary.IndexedKey, Value = snapshot });
        else setting.Value = snapshot;
        await db.SaveChangesAsync(ct);
        return done;
    }
}

/// <summary>
/// Keeps this instance's analyzer on the dictionary the index was last rebuilt with, so that a `reindex` run from the
/// command line (or by another instance) takes effect here within a few seconds, without a restart.
/// </summary>
public sealed class UserDictionaryWatcher(TextAnalysis analysis, PortalConnection connection, ILogger<UserDictionaryWatcher> log) : BackgroundService
{
    private string _loaded = "";

    /// <summary>Brings the analyzer in line with the recorded dictionary; returns true when it changed.</summary>
    public bool Refresh()
    {
        var snapshot = UserDictionary.IndexedSnapshot(connection);
        if (snapshot == _loaded) return false;
        analysis.Use(UserDictionary.AnalyzerFor(UserDictionary.Parse(snapshot)));
        _loaded = snapshot;
        log.LogInformation("User dictionary of the index loaded ({Length} chars).", snapshot.Length);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            try { Refresh(); }
            catch (DbException ex) { log.LogWarning(ex, "Could not read the user dictionary of the index."); }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
