using Portal.Statistics;

namespace Portal.Pages.Submissions;

/// <summary>A unit as the statistics list it.</summary>
public sealed record UnitRef(int Id, string Name, int SortOrder);

/// <summary>What the statistics need of one item: its unit, its date, its adoption levels, its 批示 and its points.</summary>
public sealed record ItemFact(int UnitId, DateOnly SubmittedOn, IReadOnlyCollection<AdoptionLevel> Levels, int Instructions, decimal Points)
{
    public bool Adopted => Levels.Count > 0;
}

/// <summary>One unit's figures for a period, counted in 条 (items), never in 期.</summary>
public sealed class UnitFigures(UnitRef unit)
{
    public UnitRef Unit { get; } = unit;
    public int Submitted { get; internal set; }
    /// <summary>Items adopted at any level (each item once).</summary>
    public int Adopted { get; internal set; }
    public Dictionary<AdoptionLevel, int> ByLevel { get; } = SubmissionNames.Levels.ToDictionary(l => l, _ => 0);
    public int Instructions { get; internal set; }
    public decimal Points { get; internal set; }

    /// <summary>Adopted ÷ submitted; null (shown "—") when nothing was submitted.</summary>
    public decimal? AdoptionRate => Rate.Of(Adopted, Submitted);
    public string AdoptionRateText => Rate.Format(AdoptionRate);
}

/// <summary>What a submissions ranking compares, in order: the first key, then the tie-breakers.</summary>
public enum SubmissionRankKey { Points = 0, Adopted = 1, Submitted = 2 }

/// <summary>
/// A unit's place: rank by the keys with ties (并列), and the change against the previous period (进位). The previous
/// rank is kept only when the unit submitted in both periods; otherwise the movement is "新" or "—".
/// </summary>
public sealed record RankingRow(UnitFigures Figures, int? Rank, bool Tied, int? PreviousRank, bool ActiveBefore = true)
{
    public bool Active => Figures.Submitted > 0;
    public int? Change => Active && ActiveBefore ? CompetitionRanking.Change(PreviousRank, Rank) : null;
    public string RankText => Rank is int r ? (Tied ? $"并列{r}" : r.ToString()) : "—";
    public string ChangeText => CompetitionRanking.MovementText(PreviousRank, Rank, ActiveBefore, Active);
    /// <summary>The previous rank as the page shows it: only when both periods had activity.</summary>
    public string PreviousRankText => Active && ActiveBefore && PreviousRank is int p ? p.ToString() : "—";
}

/// <summary>Per-month totals for the charts.</summary>
public sealed record MonthlySeries(IReadOnlyList<string> Months, IReadOnlyList<int> Submitted, IReadOnlyList<int> Adopted);

/// <summary>
/// The statistics of information work (pure, unit-tested). Items are selected by their 报送日期, so an item and its
/// adoptions count in the same period and the adoption rate never exceeds 100%.
/// </summary>
public static class SubmissionStatistics
{
    public static List<UnitFigures> Figures(IEnumerable<UnitRef> units, IEnumerable<ItemFact> items, Period period)
    {
        var byUnit = units.OrderBy(u => u.SortOrder).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToDictionary(u => u.Id, u => new UnitFigures(u));
        foreach (var item in items)
        {
            if (!period.Contains(item.SubmittedOn) || !byUnit.TryGetValue(item.UnitId, out var f)) continue;
            f.Submitted++;
            if (item.Adopted) f.Adopted++;
            foreach (var level in item.Levels.Distinct()) f.ByLevel[level]++;
            f.Instructions += item.Instructions;
            f.Points += item.Points;
        }
        return byUnit.Values.ToList();
    }

    /// <summary>The office's default order: points, then adopted items.</summary>
    public static readonly IReadOnlyList<SubmissionRankKey> DefaultKeys = new[] { SubmissionRankKey.Points, SubmissionRankKey.Adopted };

    /// <summary>Units ranked by the keys (points, then adopted items by default) in <paramref name="period"/>, with their rank in the previous period.</summary>
    public static List<RankingRow> Ranking(IReadOnlyCollection<UnitRef> units, IReadOnlyCollection<ItemFact> items, Period period,
        IReadOnlyList<SubmissionRankKey>? keys = null)
    {
        keys ??= DefaultKeys;
        var current = Rank(Figures(units, items, period), keys);
        var previous = Rank(Figures(units, items, period.Previous()), keys).ToDictionary(r => r.Item.Unit.Id);
        return current.Select(r =>
        {
            var before = previous.GetValueOrDefault(r.Item.Unit.Id);
            return new RankingRow(r.Item, r.Rank, r.Tied, before?.Rank, before?.Item.Submitted > 0);
        }).ToList();
    }

    /// <summary>No unit submitted anything in the period: the page says so instead of listing every unit 并列1.</summary>
    public static bool IsEmpty(IEnumerable<RankingRow> ranking) => ranking.All(r => !r.Active);

    private static List<Ranked<UnitFigures>> Rank(List<UnitFigures> figures, IReadOnlyList<SubmissionRankKey> keys) =>
        CompetitionRanking.Rank(figures, keys.Select(k => (Func<UnitFigures, decimal?>)(f => Value(f, k))).ToList(), f => f.Unit.SortOrder.ToString("D9"));

    private static decimal? Value(UnitFigures f, SubmissionRankKey key) => key switch
    {
        SubmissionRankKey.Adopted => f.Adopted,
        SubmissionRankKey.Submitted => f.Submitted,
        _ => f.Points,
    };

    public static string Label(SubmissionRankKey key) => key switch
    {
        SubmissionRankKey.Adopted => "采用条数", SubmissionRankKey.Submitted => "报送条数", _ => "得分",
    };

    /// <summary>"得分；相同时比较采用条数" — how the page and the workbook state the order.</summary>
    public static string Label(IReadOnlyList<SubmissionRankKey> keys) =>
        Label(keys[0]) + (keys.Count > 1 ? "；相同时依次比较" + string.Join("、", keys.Skip(1).Select(Label)) : "");

    /// <summary>Submitted and adopted items per month of the period (of one unit, or of all when <paramref name="unitId"/> is null).</summary>
    public static MonthlySeries Monthly(IEnumerable<ItemFact> items, Period period, int? unitId = null)
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(period.Start.Year, period.Start.Month, 1); m <= period.End; m = m.AddMonths(1)) months.Add(m);
        var submitted = new int[months.Count];
        var adopted = new int[months.Count];
        foreach (var item in items)
        {
            if (!period.Contains(item.SubmittedOn) || (unitId is int u && item.UnitId != u)) continue;
            var i = months.FindIndex(m => m.Year == item.SubmittedOn.Year && m.Month == item.SubmittedOn.Month);
            if (i < 0) continue;
            submitted[i]++;
            if (item.Adopted) adopted[i]++;
        }
        return new MonthlySeries(months.Select(m => $"{m.Year}年{m.Month}月").ToList(), submitted, adopted);
    }
}
