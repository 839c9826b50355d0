using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Portal.Pages.Submissions;

/// <summary>
/// The filters of the submissions list and the review queue as they stand in the URL (<c>unit</c>, <c>status</c>, <c>level</c>,
/// <c>category</c>, <c>year</c>, <c>from</c>, <c>to</c>, <c>q</c>). Read by hand like <see cref="Infrastructure.ListQuery"/>: a value
/// that does not parse (an unknown state, a date that is not yyyy-MM-dd) is simply no filter, and never an error of the page's own form.
/// </summary>
public sealed record SubmissionListInput(int? Unit = null, SubmissionStatus? Status = null, AdoptionLevel? Level = null,
    SubmissionCategory? Category = null, int? Year = null, DateOnly? From = null, DateOnly? To = null, string? Q = null)
{
    private const int QueryMaxLength = 100;

    public static SubmissionListInput Read(HttpRequest request)
    {
        var q = request.Query;
        var text = q["q"].ToString().Trim();
        return new(Int(q["unit"]), Enum<SubmissionStatus>(q["status"]), Enum<AdoptionLevel>(q["level"]), Enum<SubmissionCategory>(q["category"]),
            Int(q["year"]) is int y and >= 2000 and <= 2100 ? y : null, Date(q["from"]), Date(q["to"]),
            text.Length == 0 ? null : text.Length > QueryMaxLength ? text[..QueryMaxLength] : text);
    }

    /// <param name="anyUnit">Whether the user may choose a unit (a liaison's list is their unit's whatever the URL says).</param>
    public SubmissionFilter ToFilter(bool anyUnit) => new(anyUnit ? Unit : null, Status, Year, Q, From, To, Category, Level);

    private static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static T? Enum<T>(string? s) where T : struct, Enum =>
        System.Enum.TryParse<T>(s, ignoreCase: true, out var v) && System.Enum.IsDefined(v) ? v : null;
}
