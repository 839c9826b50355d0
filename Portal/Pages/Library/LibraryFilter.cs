using Microsoft.AspNetCore.Http;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library;

/// <summary>The library list's filters as they stand in the URL (<c>type</c>, <c>unit</c>, <c>year</c>, <c>q</c>); an unknown value is no filter.</summary>
public sealed record LibraryFilter(string? Type = null, int? UnitId = null, int? Year = null, string? Query = null)
{
    public static LibraryFilter Read(HttpRequest request)
    {
        var q = request.Query;
        var type = q["type"].ToString();
        return new(DocumentTypes.All.Contains(type) ? type : null, q.Int("unit"), q.Year("year"), q.Text("q"));
    }
}
