namespace Portal.Pages.Evaluation;

/// <summary>
/// Peer recommendations (推荐意见, domain.md §1.6, §3.4): the units of the round recommend participating units; the
/// recommendations received are then scaled to the component's maximum against the most any unit received.
/// </summary>
public static class RecommendationRules
{
    /// <summary>
    /// Checks one recommender's choice. <paramref name="recommenders"/> are the round's units (eligible, whether or not
    /// they take part), <paramref name="participating"/> the units that can be recommended.
    /// </summary>
    public static List<string> Validate(int from, IReadOnlyCollection<int> to, IReadOnlySet<int> recommenders, IReadOnlySet<int> participating,
        int? limit, Func<int, string> name)
    {
        var errors = new List<string>();
        if (!recommenders.Contains(from))
        {
            errors.Add("推荐单位不在本轮考评范围内。");
            return errors;
        }
        var chosen = to.Distinct().ToList();
        if (chosen.Contains(from)) errors.Add($"“{name(from)}”不能推荐自己。");
        foreach (var id in chosen.Where(id => id != from && !participating.Contains(id)))
            errors.Add($"“{name(id)}”不是本轮参评单位，不能被推荐。");
        if (limit is int max && chosen.Count > max)
            errors.Add($"每个单位最多推荐 {max} 个单位，“{name(from)}”选择了 {chosen.Count} 个。");
        return errors;
    }

    /// <summary>
    /// Recommendations received per participating unit: each recommender counts once per unit, a unit's vote for
    /// itself and votes from outside the round's units or for non-participants do not count.
    /// </summary>
    public static Dictionary<int, int> Received(IEnumerable<(int From, int To)> recommendations, IReadOnlySet<int> recommenders, IReadOnlySet<int> participating) =>
        recommendations.Distinct()
            .Where(r => r.From != r.To && recommenders.Contains(r.From) && participating.Contains(r.To))
            .GroupBy(r => r.To).ToDictionary(g => g.Key, g => g.Count());
}
