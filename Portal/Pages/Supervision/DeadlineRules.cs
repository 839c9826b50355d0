using System.Linq.Expressions;

namespace Portal.Pages.Supervision;

public enum WarningLevel { None = 0, Yellow = 1, Red = 2 }

/// <summary>
/// Deadline rules on Asia/Shanghai dates (the caller passes "today" from <c>ShanghaiClock.Today</c>, never a UTC date).
/// A deadline is a date: the whole of that day is still on time.
/// </summary>
public static class DeadlineRules
{
    /// <summary>
    /// Yellow from <paramref name="warningDays"/> days before the (current, possibly extended) deadline up to and
    /// including the deadline day; red once the deadline day has passed. Closed tasks carry no warning.
    /// </summary>
    public static WarningLevel Warning(bool open, DateOnly deadline, DateOnly today, int warningDays)
    {
        if (!open) return WarningLevel.None;
        if (today > deadline) return WarningLevel.Red;
        if (today >= deadline.AddDays(-Math.Max(0, warningDays))) return WarningLevel.Yellow;
        return WarningLevel.None;
    }

    public static WarningLevel Warning(SupervisionTask t, DateOnly today, int warningDays) =>
        t.Status == SupervisionStatus.Registered ? WarningLevel.None : Warning(t.IsOpen, t.Deadline, today, warningDays);

    /// <summary>
    /// <see cref="Warning(SupervisionTask, DateOnly, int)"/> as an expression the database evaluates (the ledger's 预警 sort
    /// and filter, reminders, home pages); DeadlineRulesTests proves the two agree. Only assigned and in-progress tasks are
    /// warned: a registered task has not been handed to a unit yet and a closed one is done.
    /// </summary>
    public static Expression<Func<SupervisionTask, WarningLevel>> WarningOf(DateOnly today, int warningDays)
    {
        var soon = today.AddDays(Math.Max(0, warningDays));
        return t => t.Status == SupervisionStatus.Assigned || t.Status == SupervisionStatus.InProgress
            ? (t.Deadline < today ? WarningLevel.Red : t.Deadline <= soon ? WarningLevel.Yellow : WarningLevel.None)
            : WarningLevel.None;
    }

    /// <summary>Tasks whose <see cref="WarningOf"/> is <paramref name="level"/> (None: no warning), for a database query.</summary>
    public static Expression<Func<SupervisionTask, bool>> WarningIs(WarningLevel level, DateOnly today, int warningDays) =>
        Compare(ExpressionType.Equal, level, today, warningDays);

    /// <summary>Tasks with a yellow or red warning, for a database query.</summary>
    public static Expression<Func<SupervisionTask, bool>> Warned(DateOnly today, int warningDays) =>
        Compare(ExpressionType.NotEqual, WarningLevel.None, today, warningDays);

    private static Expression<Func<SupervisionTask, bool>> Compare(ExpressionType op, WarningLevel level, DateOnly today, int warningDays)
    {
        var of = WarningOf(today, warningDays);
        // Enums compare as their numbers in an expression tree (the enum type itself has no == operator).
        var body = Expression.MakeBinary(op, Expression.Convert(of.Body, typeof(int)), Expression.Constant((int)level));
        return Expression.Lambda<Func<SupervisionTask, bool>>(body, of.Parameters);
    }

    /// <summary>Days left until the deadline (0 on the day, negative when overdue).</summary>
    public static int DaysLeft(DateOnly deadline, DateOnly today) => deadline.DayNumber - today.DayNumber;

    /// <summary>Closed on or before the ORIGINAL deadline: an extension does not make a late task on time.</summary>
    public static bool ClosedOnTime(DateOnly? closedOn, DateOnly originalDeadline) => closedOn is DateOnly c && c <= originalDeadline;

    /// <summary>Open and past its current deadline (逾期未办结).</summary>
    public static bool OverdueOpen(bool open, DateOnly deadline, DateOnly today) => open && today > deadline;

    /// <summary>Closed after the original deadline (逾期办结).</summary>
    public static bool ClosedLate(DateOnly? closedOn, DateOnly originalDeadline) => closedOn is DateOnly c && c > originalDeadline;
}
