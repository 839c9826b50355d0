namespace Portal.Pages.Library;

/// <summary>
/// Where 返回 on a document page leads: the search results or library list the reader came from, passed along as
/// <c>?back=</c> with its query, filters and page. Only those two lists of the portal itself are accepted (a relative
/// address, no scheme, host or backslash), so a crafted link can never send the reader elsewhere (no open redirect);
/// anything else falls back to the library.
/// </summary>
public sealed record ReturnLink(string Url, string Text)
{
    public static readonly ReturnLink Library = new("/Library", "返回文档库");
    private const int MaxLength = 2000;

    public static ReturnLink Of(string? back)
    {
        if (string.IsNullOrEmpty(back) || back.Length > MaxLength || back.Any(c => char.IsControl(c) || c == '\\')) return Library;
        if (IsList(back, "/Search")) return new(back, "返回检索结果");
        if (IsList(back, "/Library")) return new(back, "返回文档库");
        return Library;
    }

    private static bool IsList(string back, string path) =>
        back.StartsWith(path, StringComparison.Ordinal) && (back.Length == path.Length || back[path.Length] == '?');
}
