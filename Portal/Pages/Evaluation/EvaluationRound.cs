using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>How a component's points are filled (domain.md §2.7, §4.3).</summary>
public enum FillMethod
{
    /// <summary>Entered by office staff (0 ≤ value ≤ entry scale, with a comment); 值班 is entered on a 百分制 and converted.</summary>
    Entered = 1,
    /// <summary>信息: the unit's adoption points ÷ the best unit's points × maximum (from the submissions module).</summary>
    InformationPoints = 2,
    /// <summary>督查: the mean of 办结率 and 按期办结率 × maximum (rates from the supervision module).</summary>
    SupervisionRates = 3,
    /// <summary>文秘/公文质量: maximum − errors × points per error, floored at 0 (error counts entered by staff).</summary>
    DocumentErrors = 4,
    /// <summary>推荐意见: recommendations received ÷ the most any unit received × maximum.</summary>
    Recommendations = 5,
}

public enum GradeMethod { Thresholds = 1, Quotas = 2 }

public static class EvaluationNames
{
    public static string Display(this FillMethod method) => method switch
    {
        FillMethod.Entered => "处室录入",
        FillMethod.InformationPoints => "按信息积分折算",
        FillMethod.SupervisionRates => "按督办办结率折算",
        FillMethod.DocumentErrors => "按公文差错扣分",
        FillMethod.Recommendations => "按推荐意见折算",
        _ => "—",
    };

    public static string Display(this GradeMethod method) => method == GradeMethod.Quotas ? "按比例（名额）" : "按分数线";
}

/// <summary>
/// An evaluation round (评比表彰 / 年度考评) with its scheme. Once locked (published) nothing in it changes;
/// unlocking needs a reason, which goes to the audit log.
/// </summary>
public class EvaluationRound
{
    private EvaluationRound() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public string? BasisDoc { get; private set; }
    public GradeMethod GradeMethod { get; private set; } = GradeMethod.Thresholds;
    /// <summary>Thresholds in points (优秀 ≥ ExcellentMin, 良好 ≥ GoodMin, 合格 ≥ PassMin, otherwise 不合格).</summary>
    public decimal ExcellentMin { get; private set; }
    public decimal GoodMin { get; private set; }
    public decimal PassMin { get; private set; }
    /// <summary>Quota shares in percent of participating units (used when <see cref="GradeMethod"/> is Quotas).</summary>
    public decimal ExcellentShare { get; private set; }
    public decimal GoodShare { get; private set; }
    /// <summary>How many units one unit may recommend (推荐意见); null = no limit.</summary>
    public int? RecommendationLimit { get; private set; }
    public bool IsLocked { get; private set; }
    public string? LockedBy { get; private set; }
    public DateTime? LockedAt { get; private set; }
    /// <summary>The results as published (JSON), so a published table does not move when module data changes later.</summary>
    public string? PublishedJson { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public List<EvaluationComponent> Components { get; private set; } = new();
    public List<EvaluationParticipant> Participants { get; private set; } = new();
    public List<EvaluationQuota> Quotas { get; private set; } = new();

    public decimal MaxTotal => Components.Sum(c => c.MaxPoints);

    public static EvaluationRound Create(string name, DateOnly start, DateOnly end, string? basisDoc, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new RuleException("请填写考评名称。");
        if (end < start) throw new RuleException("考评期间的结束日期不能早于开始日期。");
        return new EvaluationRound { Name = name.Trim(), PeriodStart = start, PeriodEnd = end, BasisDoc = basisDoc?.Trim(), CreatedAt = at };
    }

    public void SetGrades(GradeMethod method, decimal excellentMin, decimal goodMin, decimal passMin, decimal excellentShare, decimal goodShare)
    {
        EnsureOpen();
        if (!Enum.IsDefined(method)) throw new RuleException("请选择评定等次的方法。");
        if (SchemeRules.GradeLineError(excellentMin, goodMin, passMin) is string lines) throw new RuleException(lines);
        if (SchemeRules.ShareError(excellentShare, goodShare) is string shares) throw new RuleException(shares);
        (GradeMethod, ExcellentMin, GoodMin, PassMin, ExcellentShare, GoodShare) = (method, excellentMin, goodMin, passMin, excellentShare, goodShare);
    }

    public void SetRecommendationLimit(int? limit)
    {
        EnsureOpen();
        if (limit is < 1) throw new RuleException("每个单位的推荐数上限应为正整数，不限则留空。");
        RecommendationLimit = limit;
    }

    /// <summary>
    /// Replaces the scheme with <paramref name="draft"/> (validated by <see cref="SchemeRules"/>): grades, the recommendation
    /// limit, components (kept by id, added, removed), 先进集体 quotas and the eligible and participating units.
    /// </summary>
    public void ApplyScheme(SchemeDraft draft)
    {
        EnsureOpen();
        SetGrades(draft.GradeMethod, draft.ExcellentMin, draft.GoodMin, draft.PassMin, draft.ExcellentShare, draft.GoodShare);
        SetRecommendationLimit(draft.RecommendationLimit);
        if (draft.Components.Count == 0) throw new RuleException("考评方案至少应有一个考评项目。");
        if (draft.Components.GroupBy(c => c.Name.Trim()).Any(g => g.Count() > 1)) throw new RuleException("考评项目名称不能重复。");
        var keep = draft.Components.Where(c => c.Id is > 0).Select(c => c.Id!.Value).ToList();
        if (keep.Distinct().Count() != keep.Count) throw new RuleException("同一考评项目出现了两次，请刷新页面后重试。");
        if (keep.Any(id => Components.All(c => c.Id != id))) throw new RuleException("考评项目不存在，请刷新页面后重试。");
        Components.RemoveAll(c => !keep.Contains(c.Id));
        var order = 0;
        foreach (var d in draft.Components)
        {
            order++;
            var existing = d.Id is > 0 ? Components.Single(c => c.Id == d.Id) : null;
            if (existing is null) Components.Add(EvaluationComponent.New(d, order));
            else existing.Update(d, order);
        }
        foreach (var (kind, count) in draft.Quotas) SetQuota(kind, count);
        var eligible = draft.Units.Select(u => u.UnitId).ToHashSet();
        Participants.RemoveAll(p => !eligible.Contains(p.UnitId));
        foreach (var u in draft.Units) SetParticipant(u.UnitId, u.Participates);
    }

    public EvaluationComponent AddComponent(string group, string name, decimal maxPoints, FillMethod method,
        decimal? entryScale = null, decimal pointsPerError = 0, int awardCount = 0)
    {
        EnsureOpen();
        if (Components.Any(c => c.Name == name?.Trim())) throw new RuleException($"考评项目“{name}”已存在。");
        var c = EvaluationComponent.New(new ComponentDraft(null, group, name, maxPoints, method, entryScale, pointsPerError, awardCount), Components.Count + 1);
        Components.Add(c);
        return c;
    }

    public void SetParticipant(int unitId, bool participates)
    {
        EnsureOpen();
        var p = Participants.FirstOrDefault(x => x.UnitId == unitId);
        if (p is null) Participants.Add(new EvaluationParticipant(unitId, participates));
        else p.Participates = participates;
    }

    public void SetQuota(UnitKind kind, int count)
    {
        EnsureOpen();
        if (count < 0) throw new RuleException("名额不能为负数。");
        var q = Quotas.FirstOrDefault(x => x.UnitKind == kind);
        if (q is null) Quotas.Add(new EvaluationQuota(kind, count));
        else q.Count = count;
    }

    /// <summary>Every change to scores, recommendations and deductions goes through here first.</summary>
    public void EnsureOpen()
    {
        if (IsLocked) throw new RuleException("本轮考评已锁定（已发布），成绩不能再修改；如需修改请先解锁。");
    }

    public void Lock(string by, DateTime at, string publishedJson)
    {
        if (IsLocked) throw new RuleException("本轮考评已经锁定。");
        if (string.IsNullOrWhiteSpace(by)) throw new RuleException("锁定操作须记录操作人。");
        (IsLocked, LockedBy, LockedAt, PublishedJson) = (true, by, at, publishedJson);
    }

    public void Unlock(string by, string? reason)
    {
        if (!IsLocked) throw new RuleException("本轮考评尚未锁定。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4)
            throw new RuleException("解锁须填写理由（不少于 4 个字），理由将记入审计日志。");
        if (string.IsNullOrWhiteSpace(by)) throw new RuleException("解锁操作须记录操作人。");
        (IsLocked, LockedBy, LockedAt, PublishedJson) = (false, null, null, null);
    }
}

public class EvaluationComponent
{
    private EvaluationComponent() { }

    internal static EvaluationComponent New(ComponentDraft d, int sortOrder)
    {
        var c = new EvaluationComponent();
        c.Update(d, sortOrder);
        return c;
    }

    internal void Update(ComponentDraft d, int sortOrder)
    {
        if (SchemeRules.ComponentError(d) is string error) throw new RuleException(error);
        var name = d.Name.Trim();
        (Group, Name, MaxPoints, Method, SortOrder) = (string.IsNullOrWhiteSpace(d.Group) ? name : d.Group.Trim(), name, d.MaxPoints, d.Method, sortOrder);
        // Only the fields of the component's own method are kept, so a switched method leaves nothing stale behind.
        EntryScale = d.Method == FillMethod.Entered ? d.EntryScale : null;
        PointsPerError = d.Method == FillMethod.DocumentErrors ? d.PointsPerError : 0;
        AwardCount = d.AwardCount;
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    /// <summary>The header group in the printed table (自评材料 / 单项工作 / 推荐意见).</summary>
    public string Group { get; private set; } = "";
    public string Name { get; private set; } = "";
    public decimal MaxPoints { get; private set; }
    public FillMethod Method { get; private set; }
    /// <summary>For entered components: the scale the division scores on (e.g. 100 for 值班's 百分制); null = points directly.</summary>
    public decimal? EntryScale { get; private set; }
    public decimal PointsPerError { get; private set; }
    /// <summary>Number of 单项工作先进单位 named for this component (0 = none).</summary>
    public int AwardCount { get; private set; }
    public int SortOrder { get; private set; }

    public bool IsEntered => Method is FillMethod.Entered or FillMethod.DocumentErrors;
    /// <summary>The largest value staff may enter: the entry scale, the maximum, or (for error counts) any count.</summary>
    public decimal EntryMax => Method == FillMethod.DocumentErrors ? 9999 : EntryScale ?? MaxPoints;
}

/// <summary>An eligible unit of the round and whether it took part (参评).</summary>
public class EvaluationParticipant
{
    private EvaluationParticipant() { }
    internal EvaluationParticipant(int unitId, bool participates) => (UnitId, Participates) = (unitId, participates);
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int UnitId { get; private set; }
    public bool Participates { get; internal set; }
}

/// <summary>How many 先进集体 a unit type may receive in the round (名额).</summary>
public class EvaluationQuota
{
    private EvaluationQuota() { }
    internal EvaluationQuota(UnitKind kind, int count) => (UnitKind, Count) = (kind, count);
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public UnitKind UnitKind { get; private set; }
    public int Count { get; internal set; }
}

/// <summary>
/// The office's decision on a tie at a cut-off (which of the tied units get the last places, and why). It holds for the
/// tie it was taken on (<see cref="TiedUnits"/>); when scores or the scheme change the tie, it no longer applies.
/// </summary>
public class EvaluationTieDecision
{
    private EvaluationTieDecision() { }
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    /// <summary>Which cut-off: <c>grade:excellent</c>, <c>grade:good</c>, <c>collective:CountyOffice</c>, <c>single:12</c>.</summary>
    public string CutoffKey { get; private set; } = "";
    /// <summary>Unit ids, comma-separated (the tie as it stood when decided).</summary>
    public string TiedUnits { get; private set; } = "";
    public string GrantedUnits { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string? DecidedBy { get; private set; }
    public DateTime DecidedAt { get; private set; }

    public static EvaluationTieDecision Record(EvaluationRound round, CutoffTie tie, IReadOnlyCollection<int> granted, string? reason, string by, DateTime at)
    {
        var d = new EvaluationTieDecision { RoundId = round.Id };
        d.Decide(round, tie, granted, reason, by, at);
        return d;
    }

    /// <summary>Takes (or retakes, when the earlier decision no longer fits) the decision on <paramref name="tie"/>.</summary>
    public void Decide(EvaluationRound round, CutoffTie tie, IReadOnlyCollection<int> granted, string? reason, string by, DateTime at)
    {
        round.EnsureOpen();
        if (!tie.NeedsDecision) throw new RuleException("该名额处已无需确定的并列。");
        var chosen = granted.Distinct().ToList();
        if (chosen.Any(id => tie.Units.All(u => u.UnitId != id))) throw new RuleException("只能在并列单位中选择。");
        if (chosen.Count != tie.Places)
            throw new RuleException($"{tie.Title}：{tie.Units.Count} 个单位并列争 {tie.Places} 个名额，应选择 {tie.Places} 个单位（已选 {chosen.Count} 个）。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4)
            throw new RuleException("请填写确定理由（不少于 4 个字），理由将记入审计日志。");
        if (reason.Trim().Length > 500) throw new RuleException("确定理由不能超过 500 字。");
        (CutoffKey, TiedUnits, GrantedUnits, Reason, DecidedBy, DecidedAt) =
            (tie.Key, Join(tie.Units.Select(u => u.UnitId)), Join(chosen), reason.Trim(), by, at);
    }

    public TieDecisionInfo ToInfo() => new(CutoffKey, Split(TiedUnits), Split(GrantedUnits), Reason, DecidedBy, DecidedAt);

    private static string Join(IEnumerable<int> ids) => string.Join(",", ids.Order());
    private static List<int> Split(string ids) => ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}

/// <summary>A value entered by staff for one unit and component: points (or error count), with a comment.</summary>
public class EvaluationScore
{
    private EvaluationScore() { }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int ComponentId { get; private set; }
    public int UnitId { get; private set; }
    public decimal Value { get; private set; }
    public string? Comment { get; private set; }
    public string? EnteredBy { get; private set; }
    public DateTime EnteredAt { get; private set; }

    public static EvaluationScore Enter(EvaluationRound round, EvaluationComponent component, int unitId, decimal value, string? comment, string by, DateTime at)
    {
        var s = new EvaluationScore { RoundId = round.Id, ComponentId = component.Id, UnitId = unitId };
        s.Change(round, component, value, comment, by, at);
        return s;
    }

    public void Change(EvaluationRound round, EvaluationComponent component, decimal value, string? comment, string by, DateTime at)
    {
        round.EnsureOpen();
        ScoreRules.ValidateEntry(component, value, comment);
        (Value, Comment, EnteredBy, EnteredAt) = (value, comment?.Trim(), by, at);
    }
}

/// <summary>A peer recommendation (推荐意见) from one unit to another.</summary>
public class PeerRecommendation
{
    private PeerRecommendation() { }
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int FromUnitId { get; private set; }
    public int ToUnitId { get; private set; }

    public static PeerRecommendation Record(EvaluationRound round, int from, int to)
    {
        round.EnsureOpen();
        if (from == to) throw new RuleException("单位不能推荐自己。");
        return new PeerRecommendation { RoundId = round.Id, FromUnitId = from, ToUnitId = to };
    }
}

/// <summary>A point deduction (扣分) with its reason.</summary>
public class EvaluationDeduction
{
    private EvaluationDeduction() { }
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int UnitId { get; private set; }
    public decimal Points { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>When the error or event happened (rows recorded before dates were kept have none).</summary>
    public DateOnly? OccurredOn { get; private set; }
    public string? EnteredBy { get; private set; }
    public DateTime EnteredAt { get; private set; }

    public static EvaluationDeduction Record(EvaluationRound round, int unitId, decimal points, string? reason, DateOnly? occurredOn, string by, DateTime at)
    {
        round.EnsureOpen();
        if (points <= 0 || points > round.MaxTotal) throw new RuleException($"扣分应大于 0 且不超过总分 {round.MaxTotal:0.##}。");
        if (Math.Round(points, 2) != points) throw new RuleException("扣分最多保留两位小数。");
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleException("请填写扣分理由。");
        if (reason.Trim().Length > 500) throw new RuleException("扣分理由不能超过 500 字。");
        if (occurredOn is not DateOnly on) throw new RuleException("请填写扣分事项发生的日期。");
        if (on < round.PeriodStart || on > round.PeriodEnd)
            throw new RuleException($"扣分事项的日期应在考评期间（{round.PeriodStart:yyyy-MM-dd} 至 {round.PeriodEnd:yyyy-MM-dd}）内。");
        return new EvaluationDeduction
        {
            RoundId = round.Id, UnitId = unitId, Points = points, Reason = reason.Trim(), OccurredOn = on, EnteredBy = by, EnteredAt = at,
        };
    }
}
