using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// <c>Search:Analyzer = SmartCn</c>: the word fields get Lucene's <see cref="SmartChineseAnalyzer"/> (its own HMM
/// segmenter and word list, default stop set) behind our fold as a char filter; the bigram fields keep our character
/// bigrams (<see cref="PortalLuceneAnalyzer"/>), so only the segmentation differs between the two settings. SmartCn's
/// model is Simplified only: without the fold a Traditional document would be cut into single characters and never
/// meet a Simplified query. Our domain and user dictionaries do not reach SmartCn; bench/README.md (issue 19) measures
/// what that costs on our relevance set.
/// </summary>
public sealed class SmartCnLuceneAnalyzer(TextAnalysis analysis) : AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
{
    private readonly SmartChineseAnalyzer _words = new(LuceneVersion.LUCENE_48);
    private readonly PortalLuceneAnalyzer _bigrams = new(analysis);

    private static bool IsBigramField(string fieldName) => fieldName is LuceneFields.TitleBigram or LuceneFields.BodyBigram;

    protected override Analyzer GetWrappedAnalyzer(string fieldName) => IsBigramField(fieldName) ? _bigrams : _words;

    protected override TextReader WrapReader(string fieldName, TextReader reader) =>
        IsBigramField(fieldName) ? reader : new NormalizingCharFilter(reader, analysis.Analyzer.Normalizer);

    protected override TokenStreamComponents WrapComponents(string fieldName, TokenStreamComponents components) =>
        IsBigramField(fieldName) ? components : new(components.Tokenizer, new SearchableFilter(components.TokenStream));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _words.Dispose();
            _bigrams.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// Drops tokens without a letter or digit, as our own analyzer does (<see cref="TextAnalysis.Searchable"/>). SmartCn
/// cuts a supplementary-plane character (a rare name character, or what the fold writes for 㗲) into two lone
/// surrogates, each a token with an empty offset range.
/// </summary>
internal sealed class SearchableFilter(TokenStream input) : FilteringTokenFilter(LuceneVersion.LUCENE_48, input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    protected override bool Accept() => TextAnalysis.Searchable(_term.ToString());
}
