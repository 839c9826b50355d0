namespace Portal.Pages.Evaluation;

/// <summary>
/// The office's decision on a tie at a cut-off, as the calculator reads it: which units were tied when it was taken
/// and which of them get the places.
/// </summary>
public sealed record TieDecisionInfo(string Key, IReadOnlyList<int> Tied, IReadOnlyList<int> Granted, string Reason, string? DecidedBy, DateTime DecidedAt)
{
    /// <summary>
    /// A decision holds only for the tie it was taken on: the same units tied for the same number of places.
    /// When scores or the scheme change the tie, the decision no longer applies and the office decides again.
    /// </summary>
    public bool AppliesTo(IReadOnlyCollection<int> tied, int places) =>
        Granted.Count == places && Granted.Distinct().Count() == places
        && tied.Count == Tied.Count && tied.ToHashSet().SetEquals(Tied) && Granted.All(tied.Contains);
}

/// <summary>A tied group that straddles a cut-off: <see cref="Places"/> of its units fit above the line.</summary>
public sealed record CutoffCrossing(int Cutoff, int Places, IReadOnlyList<int> Tied, TieDecisionInfo? Decision);

/// <summary>
/// Where a unit lands: <see cref="Tier"/> 0 is above the first cut-off, 1 between the first and second, …, and
/// <c>cutoffs.Count</c> below the last. <see cref="Unresolved"/>: tied across a cut-off with no decision (placed above,
/// flagged). <see cref="ByDecision"/>: placed by the office's decision on a tie.
/// </summary>
public sealed record Placement(int UnitId, int Tier, bool Unresolved, bool ByDecision);

public sealed record PlacementResult(IReadOnlyDictionary<int, Placement> Placements, IReadOnlyList<CutoffCrossing> Crossings);

/// <summary>
/// Fills places by score against cut-offs (quota places for 优秀/良好, 先进集体, 单项工作先进单位). Units are taken best
/// first; a group tied on score that straddles a cut-off is resolved by the office's decision when one applies (the
/// granted units take the places, the others move below the line); otherwise the whole group is placed above and
/// flagged, so no unit loses a place it may be owed before the office has decided (domain.md §4.3).
/// </summary>
public static class Cutoffs
{
    /// <param name="units">Units with their score, in the order used among equal scores.</param>
    /// <param name="cutoffs">Cumulative places: e.g. [2, 5] = 2 places in tier 0, 3 more in tier 1.</param>
    /// <param name="decisions">The office's decisions by cut-off index.</param>
    public static PlacementResult Place(IReadOnlyList<(int UnitId, decimal Score)> units, IReadOnlyList<int> cutoffs,
        IReadOnlyDictionary<int, TieDecisionInfo>? decisions = null)
    {
        var placements = new Dictionary<int, Placement>();
        var crossings = new List<CutoffCrossing>();
        var taken = 0;
        foreach (var group in units.Select((u, i) => (u, i)).GroupBy(x => x.u.Score).OrderByDescending(g => g.Key))
        {
            var remaining = group.OrderBy(x => x.i).Select(x => x.u.UnitId).ToList();
            var size = remaining.Count;
            var start = taken + 1;
            var decided = false;
            while (remaining.Count > 0)
            {
                var tier = TierOf(start, cutoffs);
                if (tier == cutoffs.Count || start + remaining.Count - 1 <= cutoffs[tier])
                {
                    foreach (var id in remaining) placements[id] = new Placement(id, tier, false, decided);
                    break;
                }
                var places = cutoffs[tier] - start + 1;
                var decision = decisions?.GetValueOrDefault(tier);
                if (decision is not null && decision.AppliesTo(remaining, places))
                {
                    crossings.Add(new CutoffCrossing(tier, places, remaining.ToList(), decision));
                    foreach (var id in decision.Granted) placements[id] = new Placement(id, tier, false, true);
                    remaining = remaining.Where(id => !decision.Granted.Contains(id)).ToList();
                    start = cutoffs[tier] + 1;
                    decided = true;
                    continue;
                }
                crossings.Add(new CutoffCrossing(tier, places, remaining.ToList(), null));
                foreach (var id in remaining) placements[id] = new Placement(id, tier, true, decided);
                break;
            }
            taken += size;
        }
        return new PlacementResult(placements, crossings);
    }

    /// <summary>The first tier whose cut-off the position <paramref name="position"/> (1-based) is within.</summary>
    private static int TierOf(int position, IReadOnlyList<int> cutoffs)
    {
        for (var t = 0; t < cutoffs.Count; t++)
            if (position <= cutoffs[t]) return t;
        return cutoffs.Count;
    }

    /// <summary>Places for a share of <paramref name="count"/> units, rounded half away from zero (20% of 12 = 2.4 → 2).</summary>
    public static int PlacesFor(int count, decimal sharePercent) =>
        (int)Math.Round(count * sharePercent / 100m, MidpointRounding.AwayFromZero);
}
