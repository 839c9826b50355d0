using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// Reads what a hit shows from doc values: column-wise and random access, about a microsecond a hit, where the stored
/// document costs tens of microseconds (its compressed block is decompressed for every hit). The body is read from the
/// stored fields only for a snippet. A segment written before the title was a doc value is read from its stored fields.
/// </summary>
internal sealed class HitFields(IndexSearcher searcher)
{
    private static readonly ISet<string> BodyOnly = new HashSet<string> { LuceneFields.Body };
    private readonly BytesRef _bytes = new();

    public SearchHit Hit(int doc, double score, int tier)
    {
        var (reader, local) = Leaf(doc);
        if (reader.FieldInfos.FieldInfo(LuceneFields.Title) is not { HasDocValues: true }) return Stored(doc, score, tier);
        var part = reader.GetDocsWithField(LuceneFields.Part) is { } parts && parts.Get(local)
            ? (int?)reader.GetNumericDocValues(LuceneFields.Part).Get(local) : null;
        return new SearchHit(IndexKey.Parse(Binary(reader, LuceneFields.Key, local)!), Binary(reader, LuceneFields.Title, local) ?? "",
            Sorted(reader, LuceneFields.Type, local) ?? "", Sorted(reader, LuceneFields.Unit, local),
            LuceneFields.DateOf((int?)reader.GetNumericDocValues(LuceneFields.DateOrder)?.Get(local)), score, tier)
        {
            SourceFile = Binary(reader, LuceneFields.SourceFile, local) is { Length: > 0 } file ? file : null,
            Part = part,
        };
    }

    /// <summary>The original body (for the snippet): a doc value, or stored when it was too long for one (or written before).</summary>
    public string Body(int doc)
    {
        var (reader, local) = Leaf(doc);
        return Binary(reader, LuceneFields.Body, local) is { Length: > 0 } body ? body
            : searcher.Doc(doc, BodyOnly).Get(LuceneFields.Body) ?? "";
    }

    /// <summary>The original title (shown, so a doc value; stored in segments written before).</summary>
    public string Title(int doc)
    {
        var (reader, local) = Leaf(doc);
        return Binary(reader, LuceneFields.Title, local) is { Length: > 0 } title ? title
            : searcher.Doc(doc).Get(LuceneFields.Title) ?? "";
    }

    private (AtomicReader Reader, int Local) Leaf(int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return (leaf.AtomicReader, doc - leaf.DocBase);
    }

    private string? Binary(AtomicReader reader, string field, int doc)
    {
        if (reader.GetBinaryDocValues(field) is not { } values) return null;
        values.Get(doc, _bytes);
        return _bytes.Utf8ToString();
    }

    private string? Sorted(AtomicReader reader, string field, int doc)
    {
        if (reader.GetSortedDocValues(field) is not { } values) return null;
        var ord = values.GetOrd(doc);
        if (ord < 0) return null;
        values.LookupOrd(ord, _bytes);
        return _bytes.Utf8ToString();
    }

    private SearchHit Stored(int doc, double score, int tier)
    {
        var d = searcher.Doc(doc);
        return new SearchHit(IndexKey.Parse(d.Get(LuceneFields.Key)), d.Get(LuceneFields.Title) ?? "", d.Get(LuceneFields.Type) ?? "",
            d.Get(LuceneFields.Unit), LuceneFields.DateOf(d.GetField(LuceneFields.Date)?.GetInt32Value()), score, tier)
        {
            SourceFile = d.Get(LuceneFields.SourceFile),
            Part = d.GetField(LuceneFields.Part)?.GetInt32Value(),
        };
    }
}
