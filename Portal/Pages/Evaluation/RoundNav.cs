namespace Portal.Pages.Evaluation;

/// <summary>The tabs of a round (results, scheme, recommendations, deductions, ties), shown on each of its pages.</summary>
public sealed record RoundNav(int RoundId, string RoundName, string Active, bool IsLocked, int OpenTies = 0)
{
    public const string Results = "results", Scheme = "scheme", Recommendations = "recommendations", Deductions = "deductions", Ties = "ties";
}
