using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Portal.Infrastructure;

/// <summary>
/// A list's filters read from the URL by hand, like <see cref="ListQuery"/>: a value that does not parse (an unknown state, a date
/// that is not yyyy-MM-dd, a word for a number) is simply no filter, never a model error of the page's own forms nor a 500.
/// </summary>
public static class QueryValues
{
    public const int TextMaxLength = 100;

    public static int? Int(this IQueryCollection q, string key) =>
        int.TryParse(q[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>A year the lists can mean (2000–2100).</summary>
    public static int? Year(this IQueryCollection q, string key) => q.Int(key) is int y and >= 2000 and <= 2100 ? y : null;

    public static DateOnly? Date(this IQueryCollection q, string key) =>
        DateOnly.TryParseExact(q[key], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static T? Enum<T>(this IQueryCollection q, string key) where T : struct, Enum =>
        System.Enum.TryParse<T>(q[key], ignoreCase: true, out var v) && System.Enum.IsDefined(v) ? v : null;

    /// <summary>A keyword, cleaned (<see cref="Clean"/>).</summary>
    public static string? Text(this IQueryCollection q, string key) => Clean(q[key].ToString());

    /// <summary>A typed keyword without control characters (PostgreSQL refuses a NUL in a text parameter), trimmed and cut to
    /// <see cref="TextMaxLength"/>; null when nothing is left.</summary>
    public static string? Clean(string? typed)
    {
        var text = new string((typed ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length == 0 ? null : text.Length > TextMaxLength ? text[..TextMaxLength] : text;
    }
}
