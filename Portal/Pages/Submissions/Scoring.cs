using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>
/// The scoring rule of one year (计分办法), edited by staff: points per adoption level, per 领导批示, and an optional
/// bonus per category for an adopted item. The samples give no values (domain.md §7.2); defaults come from
/// <see cref="SubmissionOptions"/>.
/// </summary>
public class ScoringRule
{
    private readonly List<CategoryBonus> _categoryBonuses = new();

    private ScoringRule() { } // EF

    public ScoringRule(int year, ScoringPoints points, string by, DateTime now)
    {
        Year = year;
        Apply(points, by, now);
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public decimal CityPoints { get; private set; }
    public decimal ProvincePoints { get; private set; }
    public decimal NationalPoints { get; private set; }
    public decimal InstructionPoints { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }
    public IReadOnlyList<CategoryBonus> CategoryBonuses => _categoryBonuses;

    public ScoringPoints Points => new(CityPoints, ProvincePoints, NationalPoints, InstructionPoints,
        _categoryBonuses.ToDictionary(b => b.Category, b => b.Points));

    public void Apply(ScoringPoints points, string by, DateTime now)
    {
        points.Validate();
        CityPoints = points.City;
        ProvincePoints = points.Province;
        NationalPoints = points.National;
        InstructionPoints = points.Instruction;
        foreach (var old in _categoryBonuses.Where(b => !points.CategoryBonus.TryGetValue(b.Category, out var p) || p == 0).ToList())
            _categoryBonuses.Remove(old);
        foreach (var (category, p) in points.CategoryBonus.Where(kv => kv.Value != 0))
        {
            var existing = _categoryBonuses.FirstOrDefault(b => b.Category == category);
            if (existing is null) _categoryBonuses.Add(new CategoryBonus(category, p));
            else existing.Points = p;
        }
        UpdatedBy = by;
        UpdatedAt = now;
    }
}

/// <summary>Extra points for an adopted item of a category (e.g. 突发信息 reported in time is worth more).</summary>
public class CategoryBonus
{
    private CategoryBonus() { } // EF

    internal CategoryBonus(SubmissionCategory category, decimal points)
    {
        Category = category;
        Points = points;
    }

    public int Id { get; private set; }
    public int ScoringRuleId { get; private set; }
    public SubmissionCategory Category { get; private set; }
    public decimal Points { get; internal set; }
}

/// <summary>The values of a rule, as a plain value (what the calculator and the rule page work with).</summary>
public sealed record ScoringPoints(decimal City, decimal Province, decimal National, decimal Instruction, IReadOnlyDictionary<SubmissionCategory, decimal> CategoryBonus)
{
    public const decimal Max = 1000m;

    public decimal ForLevel(AdoptionLevel level) => level switch
    {
        AdoptionLevel.City => City,
        AdoptionLevel.Province => Province,
        AdoptionLevel.National => National,
        _ => 0m,
    };

    public decimal BonusFor(SubmissionCategory category) => CategoryBonus.TryGetValue(category, out var p) ? p : 0m;

    public void Validate()
    {
        foreach (var (name, v) in new[] { ("市办采用分值", City), ("省办采用分值", Province), ("国办采用分值", National), ("领导批示分值", Instruction) }
                     .Concat(CategoryBonus.Select(kv => (kv.Key.Display() + "加分", kv.Value))))
        {
            if (v < 0 || v > Max) throw new RuleException($"{name}应在 0 到 {Max} 之间。");
            if (decimal.Round(v, 2) != v) throw new RuleException($"{name}最多保留两位小数。");
        }
    }

    /// <summary>"市办1 省办5 国办10 批示3 突发信息+1" — for the audit log.</summary>
    public override string ToString() =>
        $"市办{City:0.##} 省办{Province:0.##} 国办{National:0.##} 批示{Instruction:0.##}" +
        string.Concat(CategoryBonus.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).Select(kv => $" {kv.Key.Display()}+{kv.Value:0.##}"));
}

/// <summary>
/// Points of an item (pure rule, unit-tested): the points of each level it was adopted at, plus the points per
/// 批示 for each instruction, plus its category's bonus once if it was adopted at all. Not adopted → 0.
/// </summary>
public static class ScoringCalculator
{
    public static decimal PointsFor(IEnumerable<AdoptionLevel> levels, int instructions, SubmissionCategory category, ScoringPoints rule)
    {
        var distinct = levels.Distinct().ToList();
        if (distinct.Count == 0) return 0m;
        var points = distinct.Sum(rule.ForLevel) + instructions * rule.Instruction + rule.BonusFor(category);
        return Statistics.Rate.Round(points);
    }

    public static decimal PointsFor(Submission s, ScoringPoints rule) =>
        s.Status == SubmissionStatus.Adopted
            ? PointsFor(s.Adoptions.Select(a => a.Level), s.Instructions.Count, s.Category, rule)
            : 0m;
}
