namespace Portal.Indexing.Search.Lucene;

/// <summary>您是不是要找：… (helper C writes this part).</summary>
public sealed partial class LuceneSearchEngine
{
    public IReadOnlyList<string> DidYouMean(string word, SearchAccess access, int top) => [];
}
