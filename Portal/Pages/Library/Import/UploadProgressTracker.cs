using System.Collections.Concurrent;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Server-side progress of uploads being processed, keyed by an id the page generates, polled by the page's script.
/// Entries are small and dropped after an hour.
/// </summary>
public sealed class UploadProgressTracker(TimeProvider time)
{
    public sealed record Snapshot(int FileIndex, int FileCount, string FileName, string Stage, double Fraction, bool Done);

    private readonly ConcurrentDictionary<string, (string User, Snapshot State, DateTimeOffset At)> _entries = new();

    public void Report(string id, string user, Snapshot state)
    {
        var now = time.GetUtcNow();
        _entries[id] = (user, state, now);
        if (_entries.Count > 1000)
            foreach (var old in _entries.Where(e => now - e.Value.At > TimeSpan.FromHours(1)).Select(e => e.Key).ToList())
                _entries.TryRemove(old, out _);
    }

    /// <summary>The state of an upload, only for the user who started it.</summary>
    public Snapshot? Get(string id, string user) =>
        _entries.TryGetValue(id, out var e) && e.User == user ? e.State : null;
}
