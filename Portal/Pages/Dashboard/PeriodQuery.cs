using Portal.Infrastructure;
using Portal.Statistics;

namespace Portal.Pages.Dashboard;

/// <summary>The period selector's values (kind=year|quarter|month, year, number), bound from the query string.</summary>
public sealed class PeriodQuery
{
    public string? Kind { get; set; }
    public int? Year { get; set; }
    public int? Number { get; set; }
    /// <summary>The evaluation round chosen in the selector (the period's annual round when empty).</summary>
    public int? Round { get; set; }

    /// <summary>The period asked for; the current year by default; a Chinese message when the values make no period.</summary>
    public Period Resolve(TimeProvider time, out string? error)
    {
        var today = ShanghaiClock.Today(time);
        Kind ??= "year";
        Year ??= today.Year;
        if (Kind != "year") Number ??= Kind == "month" ? today.Month : (today.Month - 1) / 3 + 1;
        var period = Period.TryParse(Kind, Year, Number, null, null, out error);
        if (period is not null) return period;
        (Kind, Year, Number) = ("year", today.Year, null);
        return Period.Year(today.Year);
    }

    public string ToQuery() => $"kind={Kind}&year={Year}" + (Number is int n && Kind != "year" ? $"&number={n}" : "") + (Round is int r ? $"&round={r}" : "");
}
