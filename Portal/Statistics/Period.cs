using System.Globalization;

namespace Portal.Statistics;

public enum PeriodKind { Month, Quarter, Year, Custom }

/// <summary>
/// A reporting period: whole days from <see cref="Start"/> to <see cref="End"/> inclusive, in Asia/Shanghai dates.
/// Months, quarters and years have a previous period of the same kind (for the change of rank).
/// </summary>
public sealed record Period(PeriodKind Kind, DateOnly Start, DateOnly End)
{
    public static Period Month(int year, int month) =>
        new(PeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static Period Quarter(int year, int quarter) =>
        new(PeriodKind.Quarter, new DateOnly(year, (quarter - 1) * 3 + 1, 1), new DateOnly(year, (quarter - 1) * 3 + 1, 1).AddMonths(3).AddDays(-1));

    public static Period Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static Period Custom(DateOnly start, DateOnly end) =>
        end < start ? throw new ArgumentException("结束日期不能早于开始日期。") : new(PeriodKind.Custom, start, end);

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>The period just before this one: the previous month/quarter/year, or for a custom range the range of equal length before it.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Month => Month(Start.AddMonths(-1).Year, Start.AddMonths(-1).Month),
        PeriodKind.Quarter => Quarter(Start.AddMonths(-3).Year, (Start.AddMonths(-3).Month - 1) / 3 + 1),
        PeriodKind.Year => Year(Start.Year - 1),
        _ => new Period(PeriodKind.Custom, Start.AddDays(-Days), Start.AddDays(-1)),
    };

    public string Label => Kind switch
    {
        PeriodKind.Month => $"{Start.Year}年{Start.Month}月",
        PeriodKind.Quarter => $"{Start.Year}年第{(Start.Month - 1) / 3 + 1}季度",
        PeriodKind.Year => $"{Start.Year}年",
        _ => $"{Start:yyyy-MM-dd} 至 {End:yyyy-MM-dd}",
    };

    /// <summary>
    /// Reads a period from form values (kind = month|quarter|year|custom). Returns null and a Chinese message when
    /// the values do not make a period, so a page can show the message instead of failing.
    /// </summary>
    public static Period? TryParse(string? kind, int? year, int? number, string? from, string? to, out string? error)
    {
        error = null;
        try
        {
            switch ((kind ?? "year").ToLowerInvariant())
            {
                case "month" when year is >= 2000 and <= 2100 && number is >= 1 and <= 12: return Month(year.Value, number.Value);
                case "quarter" when year is >= 2000 and <= 2100 && number is >= 1 and <= 4: return Quarter(year.Value, number.Value);
                case "year" when year is >= 2000 and <= 2100: return Year(year.Value);
                case "custom":
                    if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s) ||
                        !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
                    {
                        error = "自定义期间的日期格式应为 yyyy-MM-dd。";
                        return null;
                    }
                    if (e < s) { error = "结束日期不能早于开始日期。"; return null; }
                    return Custom(s, e);
            }
        }
        catch (ArgumentException ex) { error = ex.Message; return null; }
        error = "统计期间无效：请选择年份（2000–2100），以及月份（1–12）或季度（1–4）。";
        return null;
    }
}
