using System.Globalization;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>The scheme form as typed: numbers stay text so that "abc" gets a Chinese message, not a 400.</summary>
public sealed class SchemeForm
{
    public GradeMethod? GradeMethod { get; set; }
    public string? ExcellentMin { get; set; }
    public string? GoodMin { get; set; }
    public string? PassMin { get; set; }
    public string? ExcellentShare { get; set; }
    public string? GoodShare { get; set; }
    public string? RecommendationLimit { get; set; }
    public List<ComponentLine> Components { get; set; } = new();
    public List<QuotaLine> Quotas { get; set; } = new();
    public List<UnitLine> Units { get; set; } = new();

    /// <summary>The form filled from the round's scheme, over every active unit (so any unit can be made eligible).</summary>
    public static SchemeForm From(EvaluationRound round, IEnumerable<Unit> units)
    {
        var all = units.ToList();
        var form = new SchemeForm
        {
            GradeMethod = round.GradeMethod,
            ExcellentMin = Text(round.ExcellentMin), GoodMin = Text(round.GoodMin), PassMin = Text(round.PassMin),
            ExcellentShare = Text(round.ExcellentShare), GoodShare = Text(round.GoodShare),
            RecommendationLimit = round.RecommendationLimit?.ToString(CultureInfo.InvariantCulture),
            Components = round.Components.OrderBy(c => c.SortOrder).Select(c => new ComponentLine
            {
                Id = c.Id, Group = c.Group, Name = c.Name, MaxPoints = Text(c.MaxPoints), Method = c.Method,
                EntryScale = c.EntryScale is decimal s ? Text(s) : null,
                PointsPerError = c.Method == FillMethod.DocumentErrors ? Text(c.PointsPerError) : null,
                AwardCount = c.AwardCount.ToString(CultureInfo.InvariantCulture), Order = c.SortOrder.ToString(CultureInfo.InvariantCulture),
            }).ToList(),
            Quotas = all.Select(u => u.Kind).Concat(round.Quotas.Select(q => q.UnitKind)).Distinct().Order()
                .Select(k => new QuotaLine { Kind = k, Count = (round.Quotas.FirstOrDefault(q => q.UnitKind == k)?.Count ?? 0).ToString(CultureInfo.InvariantCulture) })
                .ToList(),
            Units = all.Select(u => round.Participants.FirstOrDefault(p => p.UnitId == u.Id) is { } p
                ? new UnitLine { UnitId = u.Id, Eligible = true, Participates = p.Participates }
                : new UnitLine { UnitId = u.Id }).ToList(),
        };
        return form;
    }

    private static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

public sealed class ComponentLine
{
    /// <summary>0 for a new component.</summary>
    [FormLineKey] public int Id { get; set; }
    public string? Group { get; set; }
    public string? Name { get; set; }
    public string? MaxPoints { get; set; }
    public FillMethod? Method { get; set; }
    public string? EntryScale { get; set; }
    public string? PointsPerError { get; set; }
    public string? AwardCount { get; set; }
    public string? Order { get; set; }
    public bool Remove { get; set; }

    public bool IsBlank => Id == 0 && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(MaxPoints) && string.IsNullOrWhiteSpace(Group);
}

public sealed class QuotaLine
{
    [FormLineKey] public UnitKind Kind { get; set; }
    public string? Count { get; set; }
}

public sealed class UnitLine
{
    [FormLineKey] public int UnitId { get; set; }
    public bool Eligible { get; set; }
    public bool Participates { get; set; }
}

public sealed record ComponentDraft(int? Id, string Group, string Name, decimal MaxPoints, FillMethod Method,
    decimal? EntryScale = null, decimal PointsPerError = 0, int AwardCount = 0);

public sealed record UnitChoice(int UnitId, bool Participates);

/// <summary>A checked scheme, ready for <see cref="EvaluationRound.ApplyScheme"/>.</summary>
public sealed record SchemeDraft(
    GradeMethod GradeMethod, decimal ExcellentMin, decimal GoodMin, decimal PassMin, decimal ExcellentShare, decimal GoodShare,
    int? RecommendationLimit, List<ComponentDraft> Components, Dictionary<UnitKind, int> Quotas, List<UnitChoice> Units)
{
    public decimal MaxTotal => Components.Sum(c => c.MaxPoints);
}

/// <summary>What is already recorded in the round that a scheme change must not make invalid.</summary>
public sealed record SchemeData(
    IReadOnlyDictionary<int, (int Count, decimal Max)> EnteredByComponent,
    IReadOnlyDictionary<int, int> RecommendationsByUnit,
    IReadOnlyDictionary<int, string> UnitNames);

/// <summary>
/// Reading and checking a round's scheme (domain.md §2.7, §4.3): maxima above 0, no duplicate names, grade lines
/// strictly descending and within the total, shares and quotas not negative, at least one participating unit; and
/// nothing already entered may be left meaningless by the change.
/// </summary>
public static class SchemeRules
{
    public const decimal MaxComponentPoints = 1000;

    /// <summary>
    /// Parses and checks the form; on any error the draft is null and every message is returned at once (checks that
    /// depend on a value that could not be read are left until it can).
    /// </summary>
    public static (SchemeDraft? Draft, List<string> Errors) Read(SchemeForm form, IReadOnlyDictionary<int, string> unitNames)
    {
        var errors = new List<string>();
        var method = form.GradeMethod is GradeMethod m && Enum.IsDefined(m) ? m : (GradeMethod?)null;
        if (method is null) errors.Add("请选择评定等次的方法。");
        var excellentMin = Number(form.ExcellentMin, "优秀分数线", errors);
        var goodMin = Number(form.GoodMin, "良好分数线", errors);
        var passMin = Number(form.PassMin, "合格分数线", errors);
        var excellentShare = Number(form.ExcellentShare, "优秀比例", errors);
        var goodShare = Number(form.GoodShare, "良好比例", errors);
        var linesRead = excellentMin is not null && goodMin is not null && passMin is not null;
        var sharesRead = excellentShare is not null && goodShare is not null;
        int? limit = null;
        if (!string.IsNullOrWhiteSpace(form.RecommendationLimit))
        {
            if (int.TryParse(form.RecommendationLimit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l >= 1) limit = l;
            else errors.Add("每个单位的推荐数上限应为正整数，不限则留空。");
        }

        var components = new List<ComponentDraft>();
        var componentsRead = true;
        var lines = form.Components.Select((l, i) => (Line: l, Index: i)).Where(x => !x.Line.IsBlank && !x.Line.Remove)
            .OrderBy(x => int.TryParse(x.Line.Order, NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : int.MaxValue)
            .ThenBy(x => x.Index).Select(x => x.Line).ToList();
        foreach (var line in lines)
        {
            var label = string.IsNullOrWhiteSpace(line.Name) ? "新增项目" : $"“{line.Name.Trim()}”";
            var lineErrors = new List<string>();
            var max = Number(line.MaxPoints, $"{label}的满分", lineErrors);
            var scale = string.IsNullOrWhiteSpace(line.EntryScale) || line.Method != FillMethod.Entered ? (decimal?)null : Number(line.EntryScale, $"{label}的录入分制", lineErrors);
            var perError = line.Method == FillMethod.DocumentErrors ? Number(line.PointsPerError, $"{label}的每件差错扣分", lineErrors) : 0;
            var awards = 0;
            if (!string.IsNullOrWhiteSpace(line.AwardCount) && !int.TryParse(line.AwardCount.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out awards))
                lineErrors.Add($"{label}的单项先进名额应为 0 或正整数。");
            if (line.Method is not FillMethod fm || !Enum.IsDefined(fm)) lineErrors.Add($"请选择{label}的计分方法。");
            if (lineErrors.Count > 0) { errors.AddRange(lineErrors); componentsRead = false; continue; }
            var draft = new ComponentDraft(line.Id > 0 ? line.Id : null, line.Group?.Trim() ?? "", line.Name?.Trim() ?? "", max!.Value, line.Method!.Value, scale, perError ?? 0, awards);
            if (ComponentError(draft) is string e) { errors.Add(e); componentsRead = false; }
            else components.Add(draft);
        }

        var quotas = new Dictionary<UnitKind, int>();
        foreach (var q in form.Quotas)
        {
            if (!Enum.IsDefined(q.Kind)) { errors.Add("单位类型不存在，请刷新页面后重试。"); continue; }
            if (string.IsNullOrWhiteSpace(q.Count)) { quotas[q.Kind] = 0; continue; }
            if (int.TryParse(q.Count.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 0 && n <= 1000) quotas[q.Kind] = n;
            else errors.Add($"先进集体名额（{q.Kind.Display()}）应为 0 或正整数。");
        }

        var units = new List<UnitChoice>();
        foreach (var u in form.Units.Where(u => u.Eligible || u.Participates).DistinctBy(u => u.UnitId))
        {
            if (!unitNames.ContainsKey(u.UnitId)) { errors.Add("所选单位不存在或已停用，请刷新页面后重试。"); continue; }
            // Taking part implies being eligible: ticking 参评 alone is enough.
            units.Add(new UnitChoice(u.UnitId, u.Participates));
        }

        var scheme = new SchemeDraft(method ?? GradeMethod.Thresholds, excellentMin ?? 0, goodMin ?? 0, passMin ?? 0,
            excellentShare ?? 0, goodShare ?? 0, limit, components, quotas, units);
        errors.AddRange(Validate(scheme, linesRead, sharesRead, componentsRead));
        return errors.Count > 0 ? (null, errors) : (scheme, errors);
    }

    /// <summary>The checks across the whole scheme.</summary>
    public static List<string> Validate(SchemeDraft s) => Validate(s, true, true, true);

    private static List<string> Validate(SchemeDraft s, bool linesRead, bool sharesRead, bool componentsRead)
    {
        var errors = new List<string>();
        if (componentsRead && s.Components.Count == 0) errors.Add("考评方案至少应有一个考评项目。");
        foreach (var name in s.Components.GroupBy(c => c.Name.Trim()).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add($"考评项目名称“{name}”重复。");
        if (s.Components.Where(c => c.Id is not null).GroupBy(c => c.Id).Any(g => g.Count() > 1))
            errors.Add("同一考评项目出现了两次，请刷新页面后重试。");
        if (linesRead && GradeLineError(s.ExcellentMin, s.GoodMin, s.PassMin) is string lines) errors.Add(lines);
        else if (linesRead && componentsRead && s.Components.Count > 0 && s.ExcellentMin > s.MaxTotal)
            errors.Add($"优秀分数线 {s.ExcellentMin:0.##} 高于满分合计 {s.MaxTotal:0.##}，没有单位能达到。");
        if (sharesRead && ShareError(s.ExcellentShare, s.GoodShare) is string shares) errors.Add(shares);
        if (s.Quotas.Values.Any(n => n < 0)) errors.Add("先进集体名额不能为负数。");
        if (s.RecommendationLimit is < 1) errors.Add("每个单位的推荐数上限应为正整数，不限则留空。");
        if (!s.Units.Any(u => u.Participates)) errors.Add("至少应有一个参评单位。");
        return errors;
    }

    public static string? ComponentError(ComponentDraft d)
    {
        var name = d.Name?.Trim() ?? "";
        if (name.Length == 0) return "请填写考评项目名称。";
        if (name.Length > 100) return $"考评项目名称“{name[..10]}…”不能超过 100 字。";
        if ((d.Group?.Trim().Length ?? 0) > 50) return $"“{name}”所属部分的名称不能超过 50 字。";
        if (!Enum.IsDefined(d.Method)) return $"请选择“{name}”的计分方法。";
        if (d.MaxPoints <= 0 || d.MaxPoints > MaxComponentPoints) return $"“{name}”的满分应大于 0 且不超过 {MaxComponentPoints:0}。";
        if (Math.Round(d.MaxPoints, 2) != d.MaxPoints) return $"“{name}”的满分最多保留两位小数。";
        if (d.Method == FillMethod.Entered && d.EntryScale is decimal s && (s <= 0 || s > MaxComponentPoints || Math.Round(s, 2) != s))
            return $"“{name}”的录入分制应大于 0 且不超过 {MaxComponentPoints:0}（不按其他分制录入则留空）。";
        if (d.Method == FillMethod.DocumentErrors && (d.PointsPerError <= 0 || d.PointsPerError > d.MaxPoints || Math.Round(d.PointsPerError, 2) != d.PointsPerError))
            return $"“{name}”的每件差错扣分应大于 0 且不超过该项满分。";
        if (d.AwardCount < 0 || d.AwardCount > 1000) return $"“{name}”的单项先进名额应为 0 或正整数。";
        return null;
    }

    /// <summary>优秀 &gt; 良好 &gt; 合格 ≥ 0: equal lines would leave a grade nobody can get.</summary>
    public static string? GradeLineError(decimal excellentMin, decimal goodMin, decimal passMin) =>
        excellentMin > goodMin && goodMin > passMin && passMin >= 0 ? null : "等次分数线应依次降低：优秀 > 良好 > 合格 ≥ 0。";

    public static string? ShareError(decimal excellentShare, decimal goodShare) =>
        excellentShare < 0 || goodShare < 0 || excellentShare + goodShare > 100 ? "等次比例应在 0–100% 之间，且优秀与良好之和不超过 100%。" : null;

    /// <summary>
    /// Changes that would leave recorded values meaningless are refused, not silently dropped: a component with entered
    /// values keeps its method and entry scale and cannot be removed, its maximum cannot fall below a value entered
    /// directly in points, and the recommendation limit cannot fall below what a unit has already recommended.
    /// </summary>
    public static List<string> CheckAgainstData(SchemeDraft draft, EvaluationRound round, SchemeData data)
    {
        var errors = new List<string>();
        foreach (var c in round.Components)
        {
            if (!data.EnteredByComponent.TryGetValue(c.Id, out var entered) || entered.Count == 0) continue;
            var d = draft.Components.FirstOrDefault(x => x.Id == c.Id);
            if (d is null)
                errors.Add($"“{c.Name}”已有 {entered.Count} 条录入得分，不能删除；如确需删除，请先在录入页面清空这些得分。");
            else if (d.Method != c.Method || (d.Method == FillMethod.Entered && d.EntryScale != c.EntryScale))
                errors.Add($"“{c.Name}”已有 {entered.Count} 条录入得分，不能更改计分方法或录入分制；如确需更改，请先清空这些得分。");
            else if (d.Method == FillMethod.Entered && d.EntryScale is null && entered.Max > d.MaxPoints)
                errors.Add($"“{c.Name}”已有录入得分 {entered.Max:0.##} 分，满分不能低于该分数。");
        }
        if (draft.RecommendationLimit is int limit)
            foreach (var (unit, count) in data.RecommendationsByUnit.Where(kv => kv.Value > limit))
                errors.Add($"“{data.UnitNames.GetValueOrDefault(unit, $"单位{unit}")}”已推荐 {count} 个单位，超过新的上限 {limit}；请先调整其推荐意见。");
        return errors;
    }

    /// <summary>The scheme in one line for the audit log (before and after a change).</summary>
    public static string Describe(EvaluationRound round, IReadOnlyDictionary<int, string> unitNames)
    {
        var grades = round.GradeMethod == GradeMethod.Quotas
            ? $"按比例 优秀{round.ExcellentShare:0.##}% 良好{round.GoodShare:0.##}% 合格线{round.PassMin:0.##}"
            : $"按分数线 优秀≥{round.ExcellentMin:0.##} 良好≥{round.GoodMin:0.##} 合格≥{round.PassMin:0.##}";
        var components = string.Join("、", round.Components.OrderBy(c => c.SortOrder).Select(c =>
            $"{c.Group}/{c.Name} {c.MaxPoints:0.##}分 {EvaluationCalculator.SourceText(c)}" + (c.AwardCount > 0 ? $" 单项名额{c.AwardCount}" : "")));
        var quotas = string.Join("、", round.Quotas.Where(q => q.Count > 0).OrderBy(q => q.UnitKind).Select(q => $"{q.UnitKind.Display()}{q.Count}"));
        string Names(IEnumerable<EvaluationParticipant> ps) => string.Join("、", ps.Select(p => unitNames.GetValueOrDefault(p.UnitId, $"单位{p.UnitId}")));
        return $"项目：{components}（满分{round.MaxTotal:0.##}）；等次：{grades}；先进集体名额：{(quotas == "" ? "无" : quotas)}；" +
               $"推荐上限：{round.RecommendationLimit?.ToString(CultureInfo.InvariantCulture) ?? "不限"}；" +
               $"参评：{Names(round.Participants.Where(p => p.Participates))}；未参评：{Names(round.Participants.Where(p => !p.Participates))}";
    }

    private static decimal? Number(string? text, string label, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors.Add($"请填写{label}。"); return null; }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add($"{label}“{text.Trim()}”不是有效的数字。");
        return null;
    }
}
