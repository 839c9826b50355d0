namespace Portal.Statistics;

/// <summary>A ranked row: <see cref="Rank"/> is null for items without a score (listed after the ranked ones).</summary>
public sealed record Ranked<T>(T Item, decimal? Score, int? Rank, bool Tied)
{
    /// <summary>"1", "并列2", or "—" for an unranked item.</summary>
    public string RankText => Rank is int r ? (Tied ? $"并列{r}" : r.ToString()) : "—";
}

/// <summary>
/// Competition ranking as the office ranks units (domain.md §4.3): rank = 1 + the number of items with a
/// strictly higher score, so tied items share a rank ("并列") and the next rank is skipped (1, 2, 2, 4).
/// Items whose score is undefined (e.g. a rate with no denominator) get no rank and come last.
/// </summary>
public static class CompetitionRanking
{
    public static List<Ranked<T>> Rank<T>(IEnumerable<T> items, Func<T, decimal?> score, Func<T, string>? tieOrder = null)
    {
        var scored = items.Select(i => (Item: i, Score: score(i))).ToList();
        var ranked = scored.Where(x => x.Score is not null)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => tieOrder?.Invoke(x.Item) ?? "", StringComparer.Ordinal)
            .ToList();
        var result = new List<Ranked<T>>(scored.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var s = ranked[i].Score!.Value;
            var rank = 1 + ranked.Count(x => x.Score!.Value > s);
            var tied = ranked.Count(x => x.Score!.Value == s) > 1;
            result.Add(new Ranked<T>(ranked[i].Item, s, rank, tied));
        }
        result.AddRange(scored.Where(x => x.Score is null)
            .OrderBy(x => tieOrder?.Invoke(x.Item) ?? "", StringComparer.Ordinal)
            .Select(x => new Ranked<T>(x.Item, null, null, false)));
        return result;
    }

    /// <summary>进位: previous rank − current rank (positive = moved up); null when either is missing.</summary>
    public static int? Change(int? previous, int? current) => previous is int p && current is int c ? p - c : null;

    /// <summary>"↑2", "↓1", "—" (no change) or "" (no previous rank).</summary>
    public static string ChangeText(int? change) => change switch
    {
        null => "",
        0 => "—",
        > 0 => $"↑{change}",
        _ => $"↓{-change}",
    };
}
