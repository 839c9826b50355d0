using Portal.Data;

namespace Portal.Pages.Evaluation;

/// <summary>A rule of the evaluation was broken; the message is Chinese and shown to the user as it is.</summary>
public sealed class EvaluationRuleException(string message) : Exception(message);

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
        if (string.IsNullOrWhiteSpace(name)) throw new EvaluationRuleException("请填写考评名称。");
        if (end < start) throw new EvaluationRuleException("考评期间的结束日期不能早于开始日期。");
        return new EvaluationRound { Name = name.Trim(), PeriodStart = start, PeriodEnd = end, BasisDoc = basisDoc?.Trim(), CreatedAt = at };
    }

    public void SetGrades(GradeMethod method, decimal excellentMin, decimal goodMin, decimal passMin, decimal excellentShare, decimal goodShare)
    {
        EnsureOpen();
        if (!(excellentMin >= goodMin && goodMin >= passMin && passMin >= 0))
            throw new EvaluationRuleException("等次分数线应满足：优秀 ≥ 良好 ≥ 合格 ≥ 0。");
        if (excellentShare < 0 || goodShare < 0 || excellentShare + goodShare > 100)
            throw new EvaluationRuleException("等次比例应在 0–100% 之间，且优秀与良好之和不超过 100%。");
        (GradeMethod, ExcellentMin, GoodMin, PassMin, ExcellentShare, GoodShare) = (method, excellentMin, goodMin, passMin, excellentShare, goodShare);
    }

    public EvaluationComponent AddComponent(string group, string name, decimal maxPoints, FillMethod method,
        decimal? entryScale = null, decimal pointsPerError = 0, int awardCount = 0)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(name)) throw new EvaluationRuleException("请填写考评项目名称。");
        if (maxPoints <= 0) throw new EvaluationRuleException("考评项目的满分应大于 0。");
        if (entryScale is <= 0) throw new EvaluationRuleException("录入分制应大于 0。");
        if (Components.Any(c => c.Name == name.Trim())) throw new EvaluationRuleException($"考评项目“{name}”已存在。");
        var c = new EvaluationComponent(group.Trim(), name.Trim(), maxPoints, method, entryScale, pointsPerError, awardCount, Components.Count + 1);
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
        if (count < 0) throw new EvaluationRuleException("名额不能为负数。");
        var q = Quotas.FirstOrDefault(x => x.UnitKind == kind);
        if (q is null) Quotas.Add(new EvaluationQuota(kind, count));
        else q.Count = count;
    }

    /// <summary>Every change to scores, recommendations and deductions goes through here first.</summary>
    public void EnsureOpen()
    {
        if (IsLocked) throw new EvaluationRuleException("本轮考评已锁定（已发布），成绩不能再修改；如需修改请先解锁。");
    }

    public void Lock(string by, DateTime at, string publishedJson)
    {
        if (IsLocked) throw new EvaluationRuleException("本轮考评已经锁定。");
        if (string.IsNullOrWhiteSpace(by)) throw new EvaluationRuleException("锁定操作须记录操作人。");
        (IsLocked, LockedBy, LockedAt, PublishedJson) = (true, by, at, publishedJson);
    }

    public void Unlock(string by, string? reason)
    {
        if (!IsLocked) throw new EvaluationRuleException("本轮考评尚未锁定。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4)
            throw new EvaluationRuleException("解锁须填写理由（不少于 4 个字），理由将记入审计日志。");
        if (string.IsNullOrWhiteSpace(by)) throw new EvaluationRuleException("解锁操作须记录操作人。");
        (IsLocked, LockedBy, LockedAt, PublishedJson) = (false, null, null, null);
    }
}

public class EvaluationComponent
{
    private EvaluationComponent() { }

    internal EvaluationComponent(string group, string name, decimal maxPoints, FillMethod method, decimal? entryScale, decimal pointsPerError, int awardCount, int sortOrder)
    {
        (Group, Name, MaxPoints, Method, EntryScale, PointsPerError, AwardCount, SortOrder) = (group, name, maxPoints, method, entryScale, pointsPerError, awardCount, sortOrder);
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
        if (from == to) throw new EvaluationRuleException("单位不能推荐自己。");
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
    public string? EnteredBy { get; private set; }
    public DateTime EnteredAt { get; private set; }

    public static EvaluationDeduction Record(EvaluationRound round, int unitId, decimal points, string? reason, string by, DateTime at)
    {
        round.EnsureOpen();
        if (points <= 0 || points > round.MaxTotal) throw new EvaluationRuleException($"扣分应大于 0 且不超过总分 {round.MaxTotal:0.##}。");
        if (string.IsNullOrWhiteSpace(reason)) throw new EvaluationRuleException("请填写扣分理由。");
        return new EvaluationDeduction { RoundId = round.Id, UnitId = unitId, Points = points, Reason = reason.Trim(), EnteredBy = by, EnteredAt = at };
    }
}
