using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Server-side progress of uploads being processed, keyed by an id the page generates, polled by the page's script.
/// Kept in the database (table <c>UploadProgress</c>) so that with several instances behind a load balancer the poll
/// may reach any of them. Reports are never held up by the database: the importer reports synchronously (possibly
/// while its own transaction holds SQLite's write lock), so the latest state per upload is written by a background
/// flush, and this instance answers its own uploads from memory. Rows are dropped after an hour.
/// </summary>
public sealed class UploadProgressTracker(PortalConnection connection, TimeProvider time, ILogger<UploadProgressTracker> log)
{
    public sealed record Snapshot(int FileIndex, int FileCount, string FileName, string Stage, double Fraction, bool Done);

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string User, Snapshot State, DateTime At)> _local = new();
    private readonly Dictionary<string, (string User, Snapshot State, DateTime At)> _pending = new();
    private Task _flush = Task.CompletedTask;

    public void Report(string id, string user, Snapshot state)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            _local[id] = _pending[id] = (user, state, now);
            if (_local.Count > 1000)
                foreach (var old in _local.Where(e => now - e.Value.At > Lifetime).Select(e => e.Key).ToList())
                    _local.Remove(old);
            if (_flush.IsCompleted) _flush = Task.Run(FlushAsync);
        }
    }

    /// <summary>The state of an upload, only for the user who started it (from any instance).</summary>
    public Snapshot? Get(string id, string user)
    {
        lock (_gate)
            if (_local.TryGetValue(id, out var e)) return e.User == user ? e.State : null;
        try
        {
            using var c = connection.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                SELECT "FileIndex", "FileCount", "FileName", "Stage", "Fraction", "Done" FROM "UploadProgress"
                WHERE "Id" = @id AND "UserName" = @user
                """;
            cmd.AddParameter("id", id);
            cmd.AddParameter("user", user);
            using var r = cmd.ExecuteReader();
            return r.Read()
                ? new Snapshot(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetBoolean(5))
                : null;
        }
        catch (DbException ex)
        {
            log.LogWarning(ex, "Could not read upload progress {Id}.", id);
            return null;
        }
    }

    /// <summary>Waits until every report so far is in the database (tests; a poll on another instance sees it).</summary>
    public Task FlushedAsync()
    {
        lock (_gate) return _flush;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<KeyValuePair<string, (string User, Snapshot State, DateTime At)>> batch;
            lock (_gate)
            {
                if (_pending.Count == 0) return;
                batch = _pending.ToList();
                _pending.Clear();
            }
            try { await WriteAsync(batch); }
            catch (DbException ex) { log.LogWarning(ex, "Could not record upload progress."); } // progress is best effort
        }
    }

    private async Task WriteAsync(List<KeyValuePair<string, (string User, Snapshot State, DateTime At)>> batch)
    {
        await using var c = connection.Open();
        await using var tx = await c.BeginTransactionAsync();
        foreach (var (id, (user, s, at)) in batch)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            // ON CONFLICT … DO UPDATE is the same on SQLite and PostgreSQL.
            cmd.CommandText = """
                INSERT INTO "UploadProgress" ("Id", "UserName", "FileIndex", "FileCount", "FileName", "Stage", "Fraction", "Done", "UpdatedAt")
                VALUES (@id, @user, @index, @count, @name, @stage, @fraction, @done, @at)
                ON CONFLICT ("Id") DO UPDATE SET "UserName" = excluded."UserName", "FileIndex" = excluded."FileIndex",
                    "FileCount" = excluded."FileCount", "FileName" = excluded."FileName", "Stage" = excluded."Stage",
                    "Fraction" = excluded."Fraction", "Done" = excluded."Done", "UpdatedAt" = excluded."UpdatedAt"
                """;
            cmd.AddParameter("id", id);
            cmd.AddParameter("user", user);
            cmd.AddParameter("index", s.FileIndex);
            cmd.AddParameter("count", s.FileCount);
            cmd.AddParameter("name", Truncate(s.FileName, UploadProgressEntry.FileNameLength));
            cmd.AddParameter("stage", Truncate(s.Stage, UploadProgressEntry.StageLength));
            cmd.AddParameter("fraction", s.Fraction);
            cmd.AddParameter("done", s.Done);
            cmd.AddParameter("at", at);
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var cleanup = c.CreateCommand())
        {
            cleanup.Transaction = tx;
            cleanup.CommandText = """DELETE FROM "UploadProgress" WHERE "UpdatedAt" < @cutoff""";
            cleanup.AddParameter("cutoff", time.GetUtcNow().UtcDateTime - Lifetime);
            await cleanup.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>A row of <c>UploadProgress</c> (written with SQL by <see cref="UploadProgressTracker"/>; mapped for the schema).</summary>
public class UploadProgressEntry
{
    public const int FileNameLength = 260, StageLength = 50;
    public string Id { get; set; } = "";
    public string UserName { get; set; } = "";
    public int FileIndex { get; set; }
    public int FileCount { get; set; }
    public string FileName { get; set; } = "";
    public string Stage { get; set; } = "";
    public double Fraction { get; set; }
    public bool Done { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class UploadProgressEntryConfiguration : IEntityTypeConfiguration<UploadProgressEntry>
{
    public void Configure(EntityTypeBuilder<UploadProgressEntry> e)
    {
        e.ToTable("UploadProgress");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.FileName).HasMaxLength(UploadProgressEntry.FileNameLength);
        e.Property(x => x.Stage).HasMaxLength(UploadProgressEntry.StageLength);
        e.HasIndex(x => x.UpdatedAt);
    }
}
