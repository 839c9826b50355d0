using Portal.Statistics;

namespace Portal.Pages.Submissions;

/// <summary>The period chosen on a page (month / quarter / year / custom), bound from the query string.</summary>
public sealed class PeriodInput
{
    public string? Kind { get; set; }
    public int? Year { get; set; }
    public int? Number { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    /// <summary>The period, or the current year with <paramref name="error"/> set when the values do not make one.</summary>
    public Period Resolve(DateOnly today, out string? error)
    {
        error = null;
        if (Kind is null && Year is null) { Kind = "year"; Year = today.Year; }
        Year ??= today.Year;
        var p = Period.TryParse(Kind, Year, Number, From, To, out error);
        return p ?? Period.Year(today.Year);
    }

    public string Query => $"period.kind={Kind}&period.year={Year}&period.number={Number}&period.from={From}&period.to={To}";
}
