using Microsoft.AspNetCore.Http;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>
/// The filters of the submissions list and the review queue as they stand in the URL (<c>unit</c>, <c>status</c>, <c>level</c>,
/// <c>category</c>, <c>year</c>, <c>from</c>, <c>to</c>, <c>q</c>); a value that does not parse is no filter (<see cref="QueryValues"/>).
/// </summary>
public sealed record SubmissionListInput(int? Unit = null, SubmissionStatus? Status = null, AdoptionLevel? Level = null,
    SubmissionCategory? Category = null, int? Year = null, DateOnly? From = null, DateOnly? To = null, string? Q = null)
{
    public static SubmissionListInput Read(HttpRequest request)
    {
        var q = request.Query;
        return new(q.Int("unit"), q.Enum<SubmissionStatus>("status"), q.Enum<AdoptionLevel>("level"), q.Enum<SubmissionCategory>("category"),
            q.Year("year"), q.Date("from"), q.Date("to"), q.Text("q"));
    }

    /// <param name="anyUnit">Whether the user may choose a unit (a liaison's list is their unit's whatever the URL says).</param>
    public SubmissionFilter ToFilter(bool anyUnit) => new(anyUnit ? Unit : null, Status, Year, Q, From, To, Category, Level);
}
