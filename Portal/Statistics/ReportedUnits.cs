namespace Portal.Statistics;

/// <summary>Which units a period's statistics list.</summary>
public static class ReportedUnits
{
    /// <summary>
    /// Active units always; a disabled unit only for the periods in which it has records, so that the office's past
    /// rankings do not change when a unit is merged or abolished, and new periods no longer list it.
    /// </summary>
    public static bool Include(bool isActive, bool hasRecordsInPeriod) => isActive || hasRecordsInPeriod;
}
