namespace Portal.Infrastructure;

/// <summary>
/// The office works in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving).
/// Dates that decide rules (deadlines, periods) are taken in this zone, never in UTC.
/// </summary>
public static class ShanghaiClock
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow().UtcDateTime);

    /// <summary>The UTC instant at which <paramref name="day"/> begins in Asia/Shanghai (for date filters on UTC times).</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);

    public static string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm");

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException)
        {
            // A minimal container without tzdata: China has kept UTC+8 without DST since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }
}
