namespace Portal.Statistics;

/// <summary>A ranked row: <see cref="Rank"/> is null for items without a score (listed after the ranked ones).</summary>
public sealed record Ranked<T>(T Item, decimal? Score, int? Rank, bool Tied)
{
    /// <summary>"1", "并列2", or "—" for an unranked item.</summary>
    public string RankText => Rank is int r ? (Tied ? $"并列{r}" : r.ToString()) : "—";
}

/// <summary>
/// Competition ranking as the office ranks units (domain.md §4.3): rank = 1 + the number of items ranked strictly ahead,
/// so tied items share a rank ("并列") and the next rank is skipped (1, 2, 2, 4). Items are compared by the first key,
/// then by each tie-breaker in turn (a breaker without a value counts below any value); items equal on every key share
/// the rank. Items whose first key is undefined (e.g. a rate with no denominator) get no rank and come last.
/// </summary>
public static class CompetitionRanking
{
    public static List<Ranked<T>> Rank<T>(IEnumerable<T> items, Func<T, decimal?> score, Func<T, string>? tieOrder = null) =>
        Rank(items, new[] { score }, tieOrder);

    public static List<Ranked<T>> Rank<T>(IEnumerable<T> items, IReadOnlyList<Func<T, decimal?>> keys, Func<T, string>? tieOrder = null)
    {
        var scored = items.Select(i => (Item: i, Keys: keys.Select(k => k(i)).ToArray())).ToList();
        var ranked = scored.Where(x => x.Keys[0] is not null).ToList();
        ranked.Sort((a, b) =>
        {
            var byKeys = Compare(b.Keys, a.Keys);
            return byKeys != 0 ? byKeys : string.CompareOrdinal(tieOrder?.Invoke(a.Item) ?? "", tieOrder?.Invoke(b.Item) ?? "");
        });
        var result = new List<Ranked<T>>(scored.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var keysOf = ranked[i].Keys;
            var rank = 1 + ranked.Count(x => Compare(x.Keys, keysOf) > 0);
            var tied = ranked.Count(x => Compare(x.Keys, keysOf) == 0) > 1;
            result.Add(new Ranked<T>(ranked[i].Item, keysOf[0], rank, tied));
        }
        result.AddRange(scored.Where(x => x.Keys[0] is null)
            .OrderBy(x => tieOrder?.Invoke(x.Item) ?? "", StringComparer.Ordinal)
            .Select(x => new Ranked<T>(x.Item, null, null, false)));
        return result;
    }

    /// <summary>Compares key by key; a missing value is below any value.</summary>
    private static int Compare(decimal?[] a, decimal?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = Nullable.Compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>
    /// The movement a page shows: an arrow only when the unit had activity in both periods (a rank among units that did
    /// nothing says nothing); "新" when it has activity now and had none before; "—" when it has none now.
    /// </summary>
    public static string MovementText(int? previous, int? current, bool activeBefore, bool activeNow) =>
        !activeNow ? "—" : !activeBefore ? "新" : ChangeText(Change(previous, current));

    /// <summary>进位: previous rank − current rank (positive = moved up); null when either is missing.</summary>
    public static int? Change(int? previous, int? current) => previous is int p && current is int c ? p - c : null;

    /// <summary>"↑2", "↓1", or "—" (no change, or nothing to compare).</summary>
    public static string ChangeText(int? change) => change switch
    {
        null => "—",
        0 => "—",
        > 0 => $"↑{change}",
        _ => $"↓{-change}",
    };
}
