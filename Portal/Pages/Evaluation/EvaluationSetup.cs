using Portal.Data;
using Portal.Demo;

namespace Portal.Pages.Evaluation;

public sealed class ComponentTemplate
{
    public string Group { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal MaxPoints { get; set; }
    public FillMethod Method { get; set; }
    public decimal? EntryScale { get; set; }
    public decimal PointsPerError { get; set; }
    public int AwardCount { get; set; }
}

/// <summary>
/// Settings under <c>Evaluation</c>: the scheme a new round starts from. It is copied into the round when the round is
/// created; from then on the round owns its scheme and staff edit it (考评方案). The samples fix only the 150-point total
/// and the three parts (domain.md §3.4, §7.1); the split below is the office's default and each round can differ.
/// </summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    public List<ComponentTemplate> DefaultScheme { get; set; } = new()
    {
        new() { Group = "自评材料", Name = "自评材料", MaxPoints = 30, Method = FillMethod.Entered },
        new() { Group = "单项工作", Name = "信息", MaxPoints = 20, Method = FillMethod.InformationPoints, AwardCount = 3 },
        new() { Group = "单项工作", Name = "督查", MaxPoints = 20, Method = FillMethod.SupervisionRates, AwardCount = 3 },
        new() { Group = "单项工作", Name = "文秘", MaxPoints = 15, Method = FillMethod.DocumentErrors, PointsPerError = 1.5m, AwardCount = 2 },
        new() { Group = "单项工作", Name = "值班", MaxPoints = 15, Method = FillMethod.Entered, EntryScale = 100, AwardCount = 2 },
        new() { Group = "单项工作", Name = "接待", MaxPoints = 10, Method = FillMethod.Entered, AwardCount = 1 },
        new() { Group = "单项工作", Name = "办公自动化", MaxPoints = 10, Method = FillMethod.Entered, AwardCount = 1 },
        new() { Group = "推荐意见", Name = "推荐意见", MaxPoints = 30, Method = FillMethod.Recommendations },
    };

    /// <summary>Unit types eligible by default (no cross-system awards; internal divisions are the judges, not the judged).</summary>
    public List<UnitKind> EligibleKinds { get; set; } = new() { UnitKind.CountyOffice, UnitKind.CityDepartment, UnitKind.LiaisonOffice };

    /// <summary>先进集体 quota per unit type for a new round.</summary>
    public Dictionary<string, int> CollectiveQuotas { get; set; } = new() { ["CountyOffice"] = 2, ["CityDepartment"] = 3, ["LiaisonOffice"] = 1 };

    public decimal ExcellentMin { get; set; } = 120;
    public decimal GoodMin { get; set; } = 105;
    public decimal PassMin { get; set; } = 90;
    public decimal ExcellentShare { get; set; } = 20;
    public decimal GoodShare { get; set; } = 40;

    /// <summary>Grades that cannot be 先进集体 or 单项工作先进单位 candidates (the office's rule: 不合格).</summary>
    public string[] AwardExcludedGrades { get; set; } = AwardEligibility.DefaultExcludedGrades.ToArray();

    /// <summary>How many units each unit may recommend in a new round (the samples give no number); null = no limit.</summary>
    public int? RecommendationLimit { get; set; } = 5;
}

public static class EvaluationSetup
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services)
    {
        services.AddOptions<EvaluationOptions>().BindConfiguration(EvaluationOptions.Section);
        services.AddScoped<EvaluationModules>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<SchemeService>();
        services.AddScoped<RecommendationService>();
        services.AddScoped<DeductionService>();
        services.AddScoped<TieDecisionService>();
        services.AddScoped<IDemoSeeder, EvaluationDemoSeeder>();
        return services;
    }
}
