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
    decimal Total, int? Rank, bool Tied, string Grade, bool GradeTie, int? PreviousRank)
{
    public string RankText => Rank is int r ? (Tied ? $"并列{r}" : r.ToString()) : "—";
    public int? Change => CompetitionRanking.Change(PreviousRank, Rank);
    public string ChangeText => CompetitionRanking.ChangeText(Change);
    public decimal? PointsOf(int componentId) => Scores.FirstOrDefault(s => s.ComponentId == componentId)?.Points;
}

public sealed record AwardList(string Title, int Quota, List<Candidate> Candidates);

public sealed record RoundResults(
    int RoundId, string RoundName, DateOnly PeriodStart, DateOnly PeriodEnd, decimal MaxTotal,
    List<ComponentInfo> Components, List<ResultRow> Rows, int Eligible, int Participating,
    List<AwardList> Collective, List<AwardList> SingleItems, DateTime ComputedAt, bool Published)
{
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
        ModuleFigures modules, IReadOnlyDictionary<int, int?> previousRanks, DateTime now)
    {
        var components = round.Components.OrderBy(c => c.SortOrder).ToList();
        var ids = participants.Select(p => p.Id).ToHashSet();
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
        var grades = round.GradeMethod == GradeMethod.Quotas
            ? Grades.ByQuota(ranked.Select(r => (r.Score!.Value, r.Rank!.Value)).ToList(), round.ExcellentShare, round.GoodShare, round.PassMin)
            : ranked.Select(r => (Grades.ByThreshold(r.Score!.Value, round.ExcellentMin, round.GoodMin, round.PassMin), false)).ToList();

        var resultRows = ranked.Select((r, i) => new ResultRow(
            r.Item.Unit.Id, r.Item.Unit.Name, r.Item.Unit.Kind, r.Item.Scores, r.Item.Ded.Sum(d => d.Points),
            r.Item.Ded.Select(d => $"{d.Reason}（−{d.Points:0.##}）").ToList(), r.Item.Total, r.Rank, r.Tied,
            grades[i].Item1, grades[i].Item2, previousRanks.GetValueOrDefault(r.Item.Unit.Id))).ToList();

        var collective = round.Quotas.Where(q => q.Count > 0).OrderBy(q => q.UnitKind).Select(q => new AwardList(
            $"先进集体（{q.UnitKind.Display()}）", q.Count,
            Awards.Top(resultRows.Where(r => r.Kind == q.UnitKind).Select(r => (r.UnitId, r.UnitName, r.Total)), q.Count))).ToList();
        var singles = components.Where(c => c.AwardCount > 0).Select(c => new AwardList(
            $"{c.Name}工作先进单位", c.AwardCount,
            Awards.Top(resultRows.Select(r => (r.UnitId, r.UnitName, r.PointsOf(c.Id) ?? 0)), c.AwardCount))).ToList();

        return new RoundResults(round.Id, round.Name, round.PeriodStart, round.PeriodEnd, round.MaxTotal,
            components.Select(c => new ComponentInfo(c.Id, c.Group, c.Name, c.MaxPoints, c.Method, c.AwardCount, SourceText(c))).ToList(),
            resultRows, eligible, participants.Count, collective, singles, now, round.IsLocked);
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
