namespace Portal.Infrastructure;

/// <summary>A list's page links (the <c>_Pager</c> partial): the page shown, how many there are, and each page's address.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link)
{
    public static int Count(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);
}
