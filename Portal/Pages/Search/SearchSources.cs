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

    /// <summary>The page a hit opens; documents also receive the query, so their page marks its words.</summary>
    public static string Url(int indexId, string? q = null) =>
        IsSubmission(indexId)
            ? $"/Submissions/Details/{SubmissionId(indexId)}"
            : $"/Library/Details/{indexId}" + (string.IsNullOrWhiteSpace(q) ? "" : "?q=" + Uri.EscapeDataString(q));
}
