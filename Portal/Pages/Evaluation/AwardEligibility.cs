namespace Portal.Pages.Evaluation;

/// <summary>
/// Who may be a 先进集体 or 单项工作先进单位 candidate (part of the scheme, 评选办法): a unit taking part in the round whose
/// grade is not excluded. By default a unit graded 不合格 cannot win an award, whatever its place in a single item; the
/// quota then passes to the next eligible unit. Units not taking part are never in the results, so never candidates.
/// </summary>
public static class AwardEligibility
{
    public static readonly IReadOnlyList<string> DefaultExcludedGrades = new[] { Grades.Fail };

    public static bool IsEligible(string grade, IReadOnlyCollection<string> excludedGrades) => !excludedGrades.Contains(grade);

    /// <summary>The rule as the results page and the workbook state it.</summary>
    public static string Describe(IReadOnlyCollection<string> excludedGrades) =>
        "候选资格：只有参评单位可以作为先进集体、单项工作先进单位候选" +
        (excludedGrades.Count == 0 ? "。" : $"；等次为{string.Join("、", excludedGrades.Select(g => $"“{g}”"))}的单位不能作为候选，名额依次由后面符合条件的单位递补。");
}
