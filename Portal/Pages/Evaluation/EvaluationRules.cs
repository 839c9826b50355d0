using Portal.Data;
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
                throw new EvaluationRuleException($"“{component.Name}”应填写差错件数（0 或正整数）。");
        }
        else if (!component.IsEntered)
            throw new EvaluationRuleException($"“{component.Name}”由系统自动计算，不能手工录入。");
        else if (value < 0 || value > component.EntryMax)
            throw new EvaluationRuleException($"“{component.Name}”的得分应在 0 至 {component.EntryMax:0.##} 之间。");
        if (Math.Round(value, 2) != value)
            throw new EvaluationRuleException($"“{component.Name}”的得分最多保留两位小数。");
        if (comment?.Length > 500) throw new EvaluationRuleException("评分说明不能超过 500 字。");
    }
}

public static class Grades
{
    public const string Excellent = "优秀", Good = "良好", Pass = "合格", Fail = "不合格";

    public static string ByThreshold(decimal total, decimal excellentMin, decimal goodMin, decimal passMin) =>
        total >= excellentMin ? Excellent : total >= goodMin ? Good : total >= passMin ? Pass : Fail;

    /// <summary>
    /// Grades by quota: the first ⌈share × n⌉ (rounded half away from zero) ranks are 优秀, the next are 良好; the rest 合格
    /// when they reach the pass line, else 不合格. Units tied across a cut-off all get the better grade and are flagged,
    /// because the office resolves ties at a cut-off by hand (domain.md §4.3).
    /// </summary>
    public static List<(string Grade, bool TieAtCutoff)> ByQuota(IReadOnlyList<(decimal Total, int Rank)> ranked,
        decimal excellentShare, decimal goodShare, decimal passMin)
    {
        var n = ranked.Count;
        var excellent = (int)Math.Round(n * excellentShare / 100m, MidpointRounding.AwayFromZero);
        var good = (int)Math.Round(n * (excellentShare + goodShare) / 100m, MidpointRounding.AwayFromZero);
        return ranked.Select(r =>
        {
            // Rank is competition rank: a tied group starting at or before the cut-off gets the grade.
            var grade = r.Rank <= excellent ? Excellent : r.Rank <= good ? Good : r.Total >= passMin ? Pass : Fail;
            var lastOfGroup = r.Rank - 1 + ranked.Count(x => x.Rank == r.Rank);
            var tie = (r.Rank <= excellent && lastOfGroup > excellent) || (r.Rank <= good && r.Rank > excellent && lastOfGroup > good);
            return (grade, tie);
        }).ToList();
    }
}

/// <summary>A candidate for an award, flagged when a tie crosses the quota (resolved by hand).</summary>
public sealed record Candidate(int UnitId, string UnitName, decimal Points, int Rank, bool TieAtCutoff);

public static class Awards
{
    /// <summary>
    /// The top <paramref name="quota"/> by points (competition rank ≤ quota). A tied group that crosses the cut-off is
    /// included whole and flagged, so the list may be longer than the quota until the panel decides.
    /// </summary>
    public static List<Candidate> Top(IEnumerable<(int UnitId, string Name, decimal Points)> units, int quota)
    {
        if (quota <= 0) return new();
        var ranked = CompetitionRanking.Rank(units.Where(u => u.Points > 0).ToList(), u => u.Points, u => u.Name);
        var within = ranked.Where(r => r.Rank <= quota).ToList();
        var tieAtCutoff = within.Count > quota;
        var lastRank = within.Count > 0 ? within[^1].Rank : null;
        return within.Select(r => new Candidate(r.Item.UnitId, r.Item.Name, r.Score!.Value, r.Rank!.Value,
            tieAtCutoff && r.Rank == lastRank)).ToList();
    }
}
