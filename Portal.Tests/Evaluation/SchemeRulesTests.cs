using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Evaluation;

namespace Portal.Tests.Evaluation;

/// <summary>A round's scheme as staff type it: parsed, checked, and checked against what is already recorded.</summary>
public class SchemeRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<int, string> Units = new() { [1] = "甲县", [2] = "乙县", [3] = "丙局" };

    private static SchemeForm Form() => new()
    {
        GradeMethod = GradeMethod.Thresholds, ExcellentMin = "50", GoodMin = "40", PassMin = "30", ExcellentShare = "20", GoodShare = "40",
        RecommendationLimit = "2",
        Components = new()
        {
            new() { Id = 0, Group = "自评材料", Name = "自评材料", MaxPoints = "30", Method = FillMethod.Entered, Order = "1" },
            new() { Id = 0, Group = "单项工作", Name = "文秘", MaxPoints = "15", Method = FillMethod.DocumentErrors, PointsPerError = "1.5", AwardCount = "1", Order = "2" },
            new() { Id = 0, Group = "", Name = "推荐意见", MaxPoints = "20", Method = FillMethod.Recommendations, Order = "3" },
            new(),   // a blank line for a new component is ignored
        },
        Quotas = new() { new() { Kind = UnitKind.CountyOffice, Count = "1" }, new() { Kind = UnitKind.CityDepartment, Count = "" } },
        Units = new() { new() { UnitId = 1, Eligible = true, Participates = true }, new() { UnitId = 2, Participates = true }, new() { UnitId = 3, Eligible = true } },
    };

    [Fact]
    public void Read_ValidForm_GivesTheDraft_InTheTypedOrder()
    {
        var form = Form();
        form.Components[0].Order = "9";
        var (draft, errors) = SchemeRules.Read(form, Units);
        Assert.Empty(errors);
        Assert.NotNull(draft);
        Assert.Equal(new[] { "文秘", "推荐意见", "自评材料" }, draft.Components.Select(c => c.Name));
        Assert.Equal(65m, draft.MaxTotal);
        Assert.Equal(1.5m, draft.Components[0].PointsPerError);
        Assert.Equal(2, draft.RecommendationLimit);
        Assert.Equal(new Dictionary<UnitKind, int> { [UnitKind.CountyOffice] = 1, [UnitKind.CityDepartment] = 0 }, draft.Quotas);
        // Ticking 参评 alone makes a unit eligible; an eligible unit need not take part.
        Assert.Equal(new[] { (1, true), (2, true), (3, false) }, draft.Units.Select(u => (u.UnitId, u.Participates)));
    }

    [Theory]
    [InlineData("0", "满分应大于 0")]
    [InlineData("-5", "满分应大于 0")]
    [InlineData("abc", "不是有效的数字")]
    [InlineData("", "请填写")]
    [InlineData("10.555", "两位小数")]
    public void Read_BadMaximum_IsRefused(string max, string message)
    {
        var form = Form();
        form.Components[0].MaxPoints = max;
        var (draft, errors) = SchemeRules.Read(form, Units);
        Assert.Null(draft);
        Assert.Contains(errors, e => e.Contains(message));
    }

    [Fact]
    public void Read_DuplicateNames_AreRefused()
    {
        var form = Form();
        form.Components[1].Name = " 自评材料 ";
        var (draft, errors) = SchemeRules.Read(form, Units);
        Assert.Null(draft);
        Assert.Contains("考评项目名称“自评材料”重复。", errors);
    }

    [Theory]
    [InlineData("40", "50", "30")]   // 优秀 below 良好
    [InlineData("50", "50", "30")]   // equal lines leave a grade nobody gets
    [InlineData("50", "40", "-1")]
    public void Read_GradeLinesNotDescending_AreRefused(string excellent, string good, string pass)
    {
        var form = Form();
        (form.ExcellentMin, form.GoodMin, form.PassMin) = (excellent, good, pass);
        var (_, errors) = SchemeRules.Read(form, Units);
        Assert.Contains(errors, e => e.Contains("依次降低"));
    }

    [Fact]
    public void Read_ExcellentLineAboveTheTotal_IsRefused()
    {
        var form = Form();
        form.ExcellentMin = "66";
        var (_, errors) = SchemeRules.Read(form, Units);
        Assert.Contains(errors, e => e.Contains("高于满分合计 65"));
        form.ExcellentMin = "65";
        Assert.Empty(SchemeRules.Read(form, Units).Errors);
    }

    [Theory]
    [InlineData("-1", "20", "1", "等次比例")]
    [InlineData("60", "50", "1", "等次比例")]
    [InlineData("20", "40", "-1", "先进集体名额")]
    [InlineData("20", "40", "x", "先进集体名额")]
    public void Read_NegativeSharesOrQuotas_AreRefused(string excellentShare, string goodShare, string quota, string message)
    {
        var form = Form();
        (form.ExcellentShare, form.GoodShare, form.Quotas[0].Count) = (excellentShare, goodShare, quota);
        var (draft, errors) = SchemeRules.Read(form, Units);
        Assert.Null(draft);
        Assert.Contains(errors, e => e.Contains(message));
    }

    [Fact]
    public void Read_DocumentErrorsNeedPointsPerError_AndSomeUnitMustTakePart()
    {
        var form = Form();
        form.Components[1].PointsPerError = "0";
        form.Units.ForEach(u => u.Participates = false);
        form.RecommendationLimit = "0";
        var (_, errors) = SchemeRules.Read(form, Units);
        Assert.Contains(errors, e => e.Contains("每件差错扣分应大于 0"));
        Assert.Contains("至少应有一个参评单位。", errors);
        Assert.Contains(errors, e => e.Contains("推荐数上限"));
    }

    [Fact]
    public void Read_RemovedAndEmptySchemes()
    {
        var form = Form();
        form.Components.ForEach(c => c.Remove = true);
        Assert.Contains("考评方案至少应有一个考评项目。", SchemeRules.Read(form, Units).Errors);
    }

    [Fact]
    public void CheckAgainstData_RefusesChangesThatWouldStrandEnteredValues()
    {
        var round = Round();
        // The form as the page fills it from the round reads back as the same scheme.
        var (draft, errors0) = SchemeRules.Read(SchemeForm.From(round, new[] { new Unit { Id = 1, Name = "甲县", Kind = UnitKind.CountyOffice } }), Units);
        Assert.Empty(errors0);
        Assert.NotNull(draft);
        Assert.Equal(new[] { (1, "自评材料", 30m, (decimal?)null), (2, "值班", 15m, 100m) }, draft.Components.Select(c => (c.Id!.Value, c.Name, c.MaxPoints, c.EntryScale)));
        var self = round.Components.Single(c => c.Name == "自评材料").Id;
        var duty = round.Components.Single(c => c.Name == "值班").Id;
        var data = new SchemeData(new Dictionary<int, (int, decimal)> { [self] = (3, 28), [duty] = (2, 95) }, new Dictionary<int, int> { [1] = 3 }, Units);
        Assert.Empty(SchemeRules.CheckAgainstData(draft, round, data));

        // Lower the maximum below an entered 28, switch 值班 off its 百分制, and lower the limit below unit 1's 3 recommendations.
        var changed = draft with
        {
            Components = draft.Components.Select(c => c.Id == self ? c with { MaxPoints = 25 } : c.Id == duty ? c with { EntryScale = null } : c).ToList(),
            RecommendationLimit = 2,
        };
        var errors = SchemeRules.CheckAgainstData(changed, round, data);
        Assert.Contains(errors, e => e.Contains("“自评材料”已有录入得分 28 分"));
        Assert.Contains(errors, e => e.Contains("“值班”已有 2 条录入得分，不能更改计分方法或录入分制"));
        Assert.Contains(errors, e => e.Contains("“甲县”已推荐 3 个单位"));

        var removed = draft with { Components = draft.Components.Where(c => c.Id != duty).ToList() };
        Assert.Contains(SchemeRules.CheckAgainstData(removed, round, data), e => e.Contains("“值班”已有 2 条录入得分，不能删除"));
        // Without entered values the same changes are fine.
        var empty = new SchemeData(new Dictionary<int, (int, decimal)>(), new Dictionary<int, int>(), Units);
        Assert.Empty(SchemeRules.CheckAgainstData(removed, round, empty));
    }

    [Fact]
    public void ApplyScheme_ReplacesComponentsQuotasAndUnits_ButNotOnALockedRound()
    {
        var round = Round();
        var (draft, errors) = SchemeRules.Read(Form(), Units);
        Assert.Empty(errors);
        round.ApplyScheme(draft!);
        Assert.Equal(new[] { "自评材料", "文秘", "推荐意见" }, round.Components.OrderBy(c => c.SortOrder).Select(c => c.Name));
        Assert.Equal("推荐意见", round.Components.Single(c => c.Name == "推荐意见").Group);   // a blank part takes the component's name
        Assert.Equal(65m, round.MaxTotal);
        Assert.Equal(2, round.RecommendationLimit);
        Assert.Equal(new[] { 1, 2, 3 }, round.Participants.Select(p => p.UnitId).Order());
        Assert.False(round.Participants.Single(p => p.UnitId == 3).Participates);
        Assert.Equal(1, round.Quotas.Single(q => q.UnitKind == UnitKind.CountyOffice).Count);

        round.Lock("demo.staff", Now, "{}");
        Assert.Contains("已锁定", Assert.Throws<RuleException>(() => round.ApplyScheme(draft!)).Message);
    }

    /// <summary>A round with saved-looking components (ids 1 and 2), so changes can be matched to them.</summary>
    private static EvaluationRound Round()
    {
        var round = EvaluationRound.Create("2026年度考评", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, Now);
        round.SetGrades(GradeMethod.Thresholds, 40, 30, 20, 20, 40);
        round.AddComponent("自评材料", "自评材料", 30, FillMethod.Entered);
        round.AddComponent("单项工作", "值班", 15, FillMethod.Entered, entryScale: 100);
        var id = typeof(EvaluationComponent).GetProperty(nameof(EvaluationComponent.Id))!;
        for (var i = 0; i < round.Components.Count; i++) id.SetValue(round.Components[i], i + 1);
        round.SetParticipant(1, true);
        return round;
    }
}
