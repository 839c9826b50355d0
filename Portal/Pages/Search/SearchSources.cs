namespace Portal.Pages.Search;

/// <summary>
/// The index holds two kinds of rows in one id space: library documents under their own id, information submissions
/// under their id negated (FTS5 rowids may be negative), so neither can overwrite the other and one number says which
/// page a hit opens.
/// </summary>
public static class SearchSources
{
    public static int SubmissionIndexId(int submissionId) => -submissionId;

    public static bool IsSubmission(int indexId) => indexId < 0;

    public static int SubmissionId(int indexId) => -indexId;

    /// <summary>The page a hit opens; documents also receive the query, so their page marks its words, and the search's
    /// own address (<paramref name="back"/>), for 返回检索结果.</summary>
    public static string Url(int indexId, string? q = null, string? back = null)
    {
        if (IsSubmission(indexId)) return $"/Submissions/Details/{SubmissionId(indexId)}";
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(q)) query.Add("q=" + Uri.EscapeDataString(q));
        if (!string.IsNullOrEmpty(back)) query.Add("back=" + Uri.EscapeDataString(back));
        return $"/Library/Details/{indexId}" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}
