namespace Portal.Statistics;

/// <summary>
/// Rates as the office states them (domain.md §4): numerator ÷ denominator, undefined (shown "—") when the
/// denominator is 0 — never 0% or 100%; percentages rounded half away from zero (12.5% → 13%, not banker's 12%).
/// </summary>
public static class Rate
{
    /// <summary>The ratio in [0, …], or null when the denominator is 0.</summary>
    public static decimal? Of(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    /// <summary>The percentage rounded half away from zero to <paramref name="decimals"/> places, or null.</summary>
    public static decimal? Percent(decimal? ratio, int decimals = 1) =>
        ratio is decimal r ? Math.Round(r * 100m, decimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>"92.3%" or "—".</summary>
    public static string Format(decimal? ratio, int decimals = 1) =>
        Percent(ratio, decimals) is decimal p ? p.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Rounds a score half away from zero (points are shown with at most 2 decimals).</summary>
    public static decimal Round(decimal value, int decimals = 2) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
