using Portal.Data;
using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Evaluation;

/// <summary>Scaling and validation of component scores (domain.md §4.3). Points are kept to 2 decimals, half away from zero.</summary>
public static class ScoreRules
{
    /// <summary>Scaled to the best: value ÷ best × max (the best unit gets full marks); 0 when nobody has any.</summary>
    public static decimal ScaleToBest(decimal value, decimal best, decimal max) =>
        best <= 0 || value <= 0 ? 0 : Rate.Round(Math.Min(value, best) / best * max);

    /// <summary>A rate in [0, 1] times the maximum; an undefined rate (no denominator) scores null, shown "—" and counted as 0.</summary>
    public static decimal? ScaleRate(decimal? ratio, decimal max) =>
        ratio is decimal r ? Rate.Round(Math.Clamp(r, 0, 1) * max) : null;

    /// <summary>A value entered on another scale (值班 on a 百分制): value ÷ scale × max.</summary>
    public static decimal FromScale(decimal value, decimal? scale, decimal max) =>
        scale is decimal s && s != max ? Rate.Round(value / s * max) : Rate.Round(value);

    /// <summary>Max − errors × points per error, never below 0.</summary>
    public static decimal AfterErrors(decimal errors, decimal pointsPerError, decimal max) =>
        Rate.Round(Math.Max(0, max - errors * pointsPerError));

    public static decimal Cap(decimal points, decimal max) => Math.Clamp(points, 0, max);

    /// <summary>Σ capped components − deductions, floored at 0.</summary>
    public static decimal Total(IEnumerable<(decimal Points, decimal Max)> components, decimal deductions) =>
        Math.Max(0, Rate.Round(components.Sum(c => Cap(c.Points, c.Max)) - deductions));

    public static void ValidateEntry(EvaluationComponent component, decimal value, string? comment)
    {
        if (component.Method == FillMethod.DocumentErrors)
        {
            if (value < 0 || value != Math.Floor(value) || value > component.EntryMax)
                throw new RuleException($"“{component.Name}”应填写差错件数（0 或正整数）。");
        }
        else if (!component.IsEntered)
            throw new RuleException($"“{component.Name}”由系统自动计算，不能手工录入。");
        else if (value < 0 || value > component.EntryMax)
            throw new RuleException($"“{component.Name}”的得分应在 0 至 {component.EntryMax:0.##} 之间。");
        if (Math.Round(value, 2) != value)
            throw new RuleException($"“{component.Name}”的得分最多保留两位小数。");
        if (comment?.Length > 500) throw new RuleException("评分说明不能超过 500 字。");
    }
}

public static class Grades
{
    public const string Excellent = "优秀", Good = "良好", Pass = "合格", Fail = "不合格";

    public static string ByThreshold(decimal total, decimal excellentMin, decimal goodMin, decimal passMin) =>
        total >= excellentMin ? Excellent : total >= goodMin ? Good : total >= passMin ? Pass : Fail;

    /// <summary>Cut-off keys of the quota grades, for the office's tie decisions.</summary>
    public const string ExcellentCutoff = "grade:excellent", GoodCutoff = "grade:good";

    /// <summary>
    /// Grades by quota: the first ⌈share × n⌉ (rounded half away from zero) places are 优秀, the next are 良好; the rest 合格
    /// when they reach the pass line, else 不合格. A tie across a cut-off is settled by the office's decision; until then
    /// the tied units all get the better grade and are flagged (domain.md §4.3, see <see cref="Cutoffs"/>).
    /// </summary>
    public static (Dictionary<int, (string Grade, bool TieAtCutoff, bool ByDecision)> Grades, IReadOnlyList<CutoffCrossing> Crossings) ByQuota(
        IReadOnlyList<(int UnitId, decimal Total)> units, decimal excellentShare, decimal goodShare, decimal passMin,
        IReadOnlyDictionary<string, TieDecisionInfo>? decisions = null)
    {
        var excellent = Cutoffs.PlacesFor(units.Count, excellentShare);
        var good = Cutoffs.PlacesFor(units.Count, excellentShare + goodShare);
        var byIndex = new Dictionary<int, TieDecisionInfo>();
        if (decisions?.GetValueOrDefault(ExcellentCutoff) is { } e) byIndex[0] = e;
        if (decisions?.GetValueOrDefault(GoodCutoff) is { } g) byIndex[1] = g;
        var placed = Cutoffs.Place(units, new[] { excellent, good }, byIndex);
        var totals = units.ToDictionary(u => u.UnitId, u => u.Total);
        var grades = placed.Placements.Values.ToDictionary(p => p.UnitId, p => (
            p.Tier switch { 0 => Excellent, 1 => Good, _ => totals[p.UnitId] >= passMin ? Pass : Fail },
            p.Unresolved, p.ByDecision));
        return (grades, placed.Crossings);
    }

    /// <summary>Grades by quota for ranked totals without decisions (a unit's position stands for its id).</summary>
    public static List<(string Grade, bool TieAtCutoff)> ByQuota(IReadOnlyList<(decimal Total, int Rank)> ranked,
        decimal excellentShare, decimal goodShare, decimal passMin)
    {
        var (grades, _) = ByQuota(ranked.Select((r, i) => (i, r.Total)).ToList(), excellentShare, goodShare, passMin);
        return ranked.Select((_, i) => (grades[i].Grade, grades[i].TieAtCutoff)).ToList();
    }
}

/// <summary>A candidate for an award: flagged when tied across the quota with no decision yet, or placed by the office's decision.</summary>
public sealed record Candidate(int UnitId, string UnitName, decimal Points, int Rank, bool TieAtCutoff, bool ByDecision = false);

public static class Awards
{
    /// <summary>
    /// The top <paramref name="quota"/> by points (units with no points are not candidates). A tied group that crosses the
    /// cut-off is settled by the office's decision when one applies; otherwise it is included whole and flagged, so the
    /// list may be longer than the quota until the panel decides.
    /// </summary>
    public static List<Candidate> Top(IEnumerable<(int UnitId, string Name, decimal Points)> units, int quota, TieDecisionInfo? decision = null) =>
        TopWithCrossings(units, quota, decision).Candidates;

    public static (List<Candidate> Candidates, IReadOnlyList<CutoffCrossing> Crossings) TopWithCrossings(
        IEnumerable<(int UnitId, string Name, decimal Points)> units, int quota, TieDecisionInfo? decision)
    {
        if (quota <= 0) return (new(), Array.Empty<CutoffCrossing>());
        var ranked = CompetitionRanking.Rank(units.Where(u => u.Points > 0).ToList(), u => u.Points, u => u.Name);
        var placed = Cutoffs.Place(ranked.Select(r => (r.Item.UnitId, r.Score!.Value)).ToList(), new[] { quota },
            decision is null ? null : new Dictionary<int, TieDecisionInfo> { [0] = decision });
        var candidates = ranked.Select(r => (r, p: placed.Placements[r.Item.UnitId])).Where(x => x.p.Tier == 0)
            .Select(x => new Candidate(x.r.Item.UnitId, x.r.Item.Name, x.r.Score!.Value, x.r.Rank!.Value, x.p.Unresolved, x.p.ByDecision))
            .ToList();
        return (candidates, placed.Crossings);
    }
}
