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

/// <summary>A unit's place: rank by points with ties (并列), and the change against the previous period (进位).</summary>
public sealed record RankingRow(UnitFigures Figures, int? Rank, bool Tied, int? PreviousRank)
{
    public int? Change => CompetitionRanking.Change(PreviousRank, Rank);
    public string RankText => Rank is int r ? (Tied ? $"并列{r}" : r.ToString()) : "—";
    public string ChangeText => CompetitionRanking.ChangeText(Change);
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

    /// <summary>Units ranked by points in <paramref name="period"/>, with their rank in the previous period.</summary>
    public static List<RankingRow> Ranking(IReadOnlyCollection<UnitRef> units, IReadOnlyCollection<ItemFact> items, Period period)
    {
        var current = Rank(Figures(units, items, period));
        var previous = Rank(Figures(units, items, period.Previous())).ToDictionary(r => r.Item.Unit.Id, r => r.Rank);
        return current.Select(r => new RankingRow(r.Item, r.Rank, r.Tied, previous.GetValueOrDefault(r.Item.Unit.Id))).ToList();
    }

    private static List<Ranked<UnitFigures>> Rank(List<UnitFigures> figures) =>
        CompetitionRanking.Rank(figures, f => f.Points, f => f.Unit.SortOrder.ToString("D9"));

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
