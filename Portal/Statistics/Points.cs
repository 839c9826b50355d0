using System.Globalization;

namespace Portal.Statistics;

/// <summary>
/// Scores as offices write them: always two decimals (114.10, not 114.1), on the web and in Excel alike ("0.00").
/// Maxima and quotas of a scheme are not scores and keep their own short form.
/// </summary>
public static class Points
{
    public static string Text(decimal points) => points.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"—" when there is no score (a component not yet filled in).</summary>
    public static string Text(decimal? points) => points is decimal p ? Text(p) : "—";
}
