namespace Portal.Pages.Supervision;

/// <summary>
/// When a 催办 is still waiting for its unit: the task is open and the unit has not reported progress on it since.
/// "Since" is the time the report was recorded, not the date it states, so a report back-dated to before the urge still answers it.
/// </summary>
public static class UrgeRules
{
    public const int MaxMessageLength = 500;

    public static bool IsOpen(DateTime urgedAt, bool taskOpen, DateTime? unitLastReportAt) =>
        taskOpen && (unitLastReportAt is not DateTime last || last <= urgedAt);
}
