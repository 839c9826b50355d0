using Portal.Data;
using Portal.Statistics;

namespace Portal.Pages.Evaluation;

public sealed record UnitInfo(int Id, string Name, UnitKind Kind, int SortOrder);

public sealed record ComponentInfo(int Id, string Group, string Name, decimal Max, FillMethod Method, int AwardCount, string Source);

/// <summary>What the modules say about each unit for the round's period (read through their own statistics services).</summary>
public sealed record ModuleFigures(
    IReadOnlyDictionary<int, decimal> InformationPoints,
    IReadOnlyDictionary<int, (decimal? Completion, decimal? OnTime)> SupervisionRates);

public sealed record EnteredValue(decimal Value, string? Comment);

public sealed record ComponentScore(int ComponentId, decimal? Points, string Detail);

public sealed record ResultRow(
    int UnitId, string UnitName, UnitKind Kind, List<ComponentScore> Scores, decimal Deductions, List<string> DeductionReasons,
    decimal Total, int? Rank, bool Tied, string Grade, bool GradeTie, int? PreviousRank, bool GradeByDecision = false, bool FirstAppearance = false)
{
    public string RankText => Rank is int r ? (Tied ? $"并列{r}" : r.ToString()) : "—";
    public int? Change => CompetitionRanking.Change(PreviousRank, Rank);
    /// <summary>进位 against the previous round; "新" for a unit that did not take part in it, "—" when there is none.</summary>
    public string ChangeText => CompetitionRanking.MovementText(PreviousRank, Rank, activeBefore: !FirstAppearance, activeNow: true);
    public decimal? PointsOf(int componentId) => Scores.FirstOrDefault(s => s.ComponentId == componentId)?.Points;
}

public sealed record AwardList(string Title, int Quota, List<Candidate> Candidates);

public sealed record TiedUnit(int UnitId, string UnitName, decimal Points, bool Granted);

public sealed record TieDecisionView(List<int> Granted, string Reason, string? DecidedBy, DateTime DecidedAt);

/// <summary>
/// A tie on the boundary of a quota (the last 优秀 place, the last 先进集体 place, …): <see cref="Places"/> of the tied
/// units fit. <see cref="Resolved"/> when the office's decision applies; a decision that no longer fits the tie (scores or
/// scheme changed since) is kept as <see cref="Decision"/> but not applied, and the tie needs a new decision.
/// </summary>
public sealed record CutoffTie(string Key, string Title, int Places, List<TiedUnit> Units, TieDecisionView? Decision, bool Resolved)
{
    public bool NeedsDecision => Units.Count > 0 && !Resolved;
    public bool Stale => Decision is not null && !Resolved;
}

public sealed record RoundResults(
    int RoundId, string RoundName, DateOnly PeriodStart, DateOnly PeriodEnd, decimal MaxTotal,
    List<ComponentInfo> Components, List<ResultRow> Rows, int Eligible, int Participating,
    List<AwardList> Collective, List<AwardList> SingleItems, DateTime ComputedAt, bool Published, List<CutoffTie>? Ties = null)
{
    /// <summary>Ties at cut-offs (empty in results published before ties were recorded).</summary>
    public List<CutoffTie> Ties { get; init; } = Ties ?? new();
    /// <summary>Who could be an award candidate when these results were computed (see <see cref="AwardEligibility"/>).</summary>
    public string AwardRule { get; init; } = AwardEligibility.Describe(AwardEligibility.DefaultExcludedGrades);
    public decimal? ParticipationRate => Rate.Of(Participating, Eligible);
    public string ParticipationText => $"{Participating} / {Eligible}（{Rate.Format(ParticipationRate)}）";
}

/// <summary>
/// Computes a round's table (pure, unit-tested): each component filled by its method and capped at its maximum,
/// total = Σ components − deductions floored at 0, competition rank with ties, grade, and award candidates.
/// </summary>
public static class EvaluationCalculator
{
    public static RoundResults Compute(
        EvaluationRound round, IReadOnlyList<UnitInfo> participants, int eligible,
        IReadOnlyDictionary<(int ComponentId, int UnitId), EnteredValue> entered,
        IReadOnlyDictionary<int, int> recommendationsReceived,
        IReadOnlyDictionary<int, List<(decimal Points, string Reason)>> deductions,
        ModuleFigures modules, IReadOnlyDictionary<int, int?> previousRanks, DateTime now,
        IReadOnlyCollection<TieDecisionInfo>? decisions = null, IReadOnlyCollection<string>? excludedGrades = null)
    {
        excludedGrades ??= AwardEligibility.DefaultExcludedGrades.ToList();
        var components = round.Components.OrderBy(c => c.SortOrder).ToList();
        var ids = participants.Select(p => p.Id).ToHashSet();
        var names = participants.ToDictionary(p => p.Id, p => p.Name);
        var decided = (decisions ?? Array.Empty<TieDecisionInfo>()).ToDictionary(d => d.Key);
        var ties = new List<CutoffTie>();
        var bestInfo = modules.InformationPoints.Where(kv => ids.Contains(kv.Key)).Select(kv => kv.Value).DefaultIfEmpty(0).Max();
        var bestRec = recommendationsReceived.Where(kv => ids.Contains(kv.Key)).Select(kv => (decimal)kv.Value).DefaultIfEmpty(0).Max();

        var rows = participants.Select(u =>
        {
            var scores = components.Select(c => Score(c, u.Id, entered, modules, bestInfo, recommendationsReceived, bestRec)).ToList();
            var ded = deductions.TryGetValue(u.Id, out var list) ? list : new();
            var total = ScoreRules.Total(scores.Zip(components, (s, c) => (s.Points ?? 0, c.MaxPoints)), ded.Sum(d => d.Points));
            return (Unit: u, Scores: scores, Ded: ded, Total: total);
        }).ToList();

        var ranked = CompetitionRanking.Rank(rows, r => r.Total, r => r.Unit.SortOrder.ToString("D9"));
        var totals = ranked.ToDictionary(r => r.Item.Unit.Id, r => r.Score!.Value);
        List<(string Grade, bool Tie, bool ByDecision)> grades;
        if (round.GradeMethod == GradeMethod.Quotas)
        {
            var (byUnit, crossings) = Grades.ByQuota(ranked.Select(r => (r.Item.Unit.Id, r.Score!.Value)).ToList(),
                round.ExcellentShare, round.GoodShare, round.PassMin, decided);
            grades = ranked.Select(r => byUnit[r.Item.Unit.Id]).ToList();
            var places = new[] { Cutoffs.PlacesFor(ranked.Count, round.ExcellentShare), Cutoffs.PlacesFor(ranked.Count, round.ExcellentShare + round.GoodShare) };
            AddTies(ties, Grades.ExcellentCutoff, $"等次“{Grades.Excellent}”（{places[0]} 个）", crossings.Where(c => c.Cutoff == 0), decided, totals, names);
            AddTies(ties, Grades.GoodCutoff, $"等次“{Grades.Good}”（优秀与良好共 {places[1]} 个）", crossings.Where(c => c.Cutoff == 1), decided, totals, names);
        }
        else
            grades = ranked.Select(r => (Grades.ByThreshold(r.Score!.Value, round.ExcellentMin, round.GoodMin, round.PassMin), false, false)).ToList();

        var resultRows = ranked.Select((r, i) => new ResultRow(
            r.Item.Unit.Id, r.Item.Unit.Name, r.Item.Unit.Kind, r.Item.Scores, r.Item.Ded.Sum(d => d.Points),
            r.Item.Ded.Select(d => $"{d.Reason}（−{d.Points:0.##}）").ToList(), r.Item.Total, r.Rank, r.Tied,
            grades[i].Grade, grades[i].Tie, previousRanks.GetValueOrDefault(r.Item.Unit.Id), grades[i].ByDecision,
            FirstAppearance: previousRanks.Count > 0 && !previousRanks.ContainsKey(r.Item.Unit.Id))).ToList();

        AwardList Award(string key, string title, int quota, IEnumerable<(int UnitId, string Name, decimal Points)> units)
        {
            var list = units.ToList();
            var (candidates, crossings) = Awards.TopWithCrossings(list, quota, decided.GetValueOrDefault(key));
            AddTies(ties, key, $"{title}（名额 {quota} 个）", crossings, decided, list.ToDictionary(u => u.UnitId, u => u.Points), names);
            return new AwardList(title, quota, candidates);
        }
        var awardable = resultRows.Where(r => AwardEligibility.IsEligible(r.Grade, excludedGrades)).ToList();
        var collective = round.Quotas.Where(q => q.Count > 0).OrderBy(q => q.UnitKind).Select(q => Award(
            CollectiveCutoff(q.UnitKind), $"先进集体（{q.UnitKind.Display()}）", q.Count,
            awardable.Where(r => r.Kind == q.UnitKind).Select(r => (r.UnitId, r.UnitName, r.Total)))).ToList();
        var singles = components.Where(c => c.AwardCount > 0).Select(c => Award(
            SingleItemCutoff(c.Id), $"{c.Name}工作先进单位", c.AwardCount,
            awardable.Select(r => (r.UnitId, r.UnitName, r.PointsOf(c.Id) ?? 0)))).ToList();

        // Decisions whose tie is gone (scores or scheme changed) are listed so the office can see and withdraw them.
        foreach (var d in decided.Values.Where(d => ties.All(t => t.Key != d.Key)))
            ties.Add(new CutoffTie(d.Key, CutoffTitle(d.Key, round), d.Granted.Count, new(), View(d), false));

        return new RoundResults(round.Id, round.Name, round.PeriodStart, round.PeriodEnd, round.MaxTotal,
            components.Select(c => new ComponentInfo(c.Id, c.Group, c.Name, c.MaxPoints, c.Method, c.AwardCount, SourceText(c))).ToList(),
            resultRows, eligible, participants.Count, collective, singles, now, round.IsLocked, ties)
        { AwardRule = AwardEligibility.Describe(excludedGrades) };
    }

    public static string CollectiveCutoff(Portal.Data.UnitKind kind) => $"collective:{kind}";
    public static string SingleItemCutoff(int componentId) => $"single:{componentId}";

    /// <summary>A readable name for a cut-off key (for decisions whose tie is gone).</summary>
    public static string CutoffTitle(string key, EvaluationRound round) => key switch
    {
        Grades.ExcellentCutoff => $"等次“{Grades.Excellent}”",
        Grades.GoodCutoff => $"等次“{Grades.Good}”",
        _ when key.StartsWith("collective:") && Enum.TryParse<Portal.Data.UnitKind>(key["collective:".Length..], out var k) => $"先进集体（{k.Display()}）",
        _ when key.StartsWith("single:") && int.TryParse(key["single:".Length..], out var id) =>
            (round.Components.FirstOrDefault(c => c.Id == id)?.Name ?? "已删除的项目") + "工作先进单位",
        _ => key,
    };

    private static TieDecisionView View(TieDecisionInfo d) => new(d.Granted.ToList(), d.Reason, d.DecidedBy, d.DecidedAt);

    /// <summary>One entry per cut-off key: the tie found there (several only when a decision leaves another tie behind).</summary>
    private static void AddTies(List<CutoffTie> ties, string key, string title, IEnumerable<CutoffCrossing> crossings,
        IReadOnlyDictionary<string, TieDecisionInfo> decided, IReadOnlyDictionary<int, decimal> points, IReadOnlyDictionary<int, string> names)
    {
        foreach (var c in crossings)
        {
            var stored = decided.GetValueOrDefault(key);
            var units = c.Tied.Select(id => new TiedUnit(id, names.GetValueOrDefault(id, $"单位{id}"), points.GetValueOrDefault(id),
                c.Decision?.Granted.Contains(id) == true)).ToList();
            ties.Add(new CutoffTie(key, title, c.Places, units, stored is null ? null : View(stored), c.Decision is not null));
        }
    }

    private static ComponentScore Score(EvaluationComponent c, int unitId,
        IReadOnlyDictionary<(int, int), EnteredValue> entered, ModuleFigures modules, decimal bestInfo,
        IReadOnlyDictionary<int, int> recs, decimal bestRec)
    {
        switch (c.Method)
        {
            case FillMethod.Entered:
                if (!entered.TryGetValue((c.Id, unitId), out var e)) return new(c.Id, null, "未录入");
                var pts = ScoreRules.Cap(ScoreRules.FromScale(e.Value, c.EntryScale, c.MaxPoints), c.MaxPoints);
                var scale = c.EntryScale is decimal s && s != c.MaxPoints ? $"{e.Value:0.##}（{s:0}分制）" : $"{e.Value:0.##}";
                return new(c.Id, pts, string.IsNullOrWhiteSpace(e.Comment) ? $"录入 {scale}" : $"录入 {scale}：{e.Comment}");
            case FillMethod.DocumentErrors:
                var errors = entered.TryGetValue((c.Id, unitId), out var de) ? de.Value : 0;
                return new(c.Id, ScoreRules.AfterErrors(errors, c.PointsPerError, c.MaxPoints),
                    $"差错 {errors:0} 件 × {c.PointsPerError:0.##} 分" + (string.IsNullOrWhiteSpace(de?.Comment) ? "" : $"：{de!.Comment}"));
            case FillMethod.InformationPoints:
                var info = modules.InformationPoints.GetValueOrDefault(unitId);
                return new(c.Id, ScoreRules.ScaleToBest(info, bestInfo, c.MaxPoints), $"信息积分 {info:0.##} ÷ 最高 {bestInfo:0.##} × {c.MaxPoints:0.##}");
            case FillMethod.SupervisionRates:
                var (completion, onTime) = modules.SupervisionRates.GetValueOrDefault(unitId);
                decimal? mean = completion is decimal a && onTime is decimal b ? (a + b) / 2 : completion ?? onTime;
                return new(c.Id, ScoreRules.ScaleRate(mean, c.MaxPoints),
                    $"办结率 {Rate.Format(completion)}，按期办结率 {Rate.Format(onTime)}" + (mean is null ? "（无交办事项）" : ""));
            case FillMethod.Recommendations:
                var n = recs.GetValueOrDefault(unitId);
                return new(c.Id, ScoreRules.ScaleToBest(n, bestRec, c.MaxPoints), $"获推荐 {n} 票 ÷ 最多 {bestRec:0} 票 × {c.MaxPoints:0.##}");
            default:
                return new(c.Id, null, "—");
        }
    }

    public static string SourceText(EvaluationComponent c) => c.Method switch
    {
        FillMethod.Entered => c.EntryScale is decimal s && s != c.MaxPoints ? $"处室录入（{s:0}分制折算）" : "处室录入",
        FillMethod.InformationPoints => "信息积分按最高分折算",
        FillMethod.SupervisionRates => "督办办结率与按期办结率折算",
        FillMethod.DocumentErrors => $"公文差错每件扣 {c.PointsPerError:0.##} 分",
        FillMethod.Recommendations => "推荐票数按最高票折算",
        _ => "",
    };
}
