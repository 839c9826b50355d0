using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// The index's schema: one Lucene document per <see cref="IndexDocument"/>. Words and bigrams of title and body are
/// separate fields so the title can weigh more and the bigram recall net ranks below every word match.
/// </summary>
internal static class LuceneFields
{
    public const string Key = "key";            // StringField, stored, binary doc values: IndexKey.ToString()
    public const string Id = "id";              // numeric doc values: tie-break of the date order
    public const string Version = "version";    // stored + numeric doc values: the change number
    public const string Title = "title";        // words (search stream), positions; stored original; binary doc values (shown)
    public const string Body = "body";          // words (search stream), positions; the original as binary doc values, or stored when too long for them
    public const string TitleBigram = "title_bg";
    public const string BodyBigram = "body_bg";
    public const string Type = "type";          // StringField (filter) + sorted doc values (facet)
    public const string Unit = "unit";          // sorted doc values (facet) + stored
    public const string UnitNorm = "unit_norm"; // StringField of the normalised unit (filter by part of the name)
    public const string Year = "year";          // StringField (filter) + sorted doc values (facet)
    public const string Date = "date";          // Int32Field yyyyMMdd (range filter) + stored
    public const string DateOrder = "date_dv";  // numeric doc values yyyyMMdd (sort; 0 = no date)
    public const string Access = "access";      // StringField per grant key; "public" for public rows
    public const string SourceFile = "sourcefile"; // stored + binary doc values (shown)
    public const string Part = "part";             // stored + numeric doc values (shown)

    public const string Public = "public";

    /// <summary>Word fields: positions for phrases. Offsets are not stored: snippets re-analyse the stored original (see <see cref="Highlighter"/>).</summary>
    private static readonly FieldType WordsType = Freeze(new FieldType
    {
        IsIndexed = true, IsTokenized = true, IsStored = false,
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    });

    private static FieldType Freeze(FieldType t)
    {
        t.Freeze();
        return t;
    }

    public static Document ToDocument(IndexDocument d, Func<string, string> normalize)
    {
        var doc = new Document
        {
            new StringField(Key, d.Key.ToString(), Field.Store.YES),
            // Also as doc values: verify lists every key without decompressing the stored bodies.
            new BinaryDocValuesField(Key, new BytesRef(d.Key.ToString())),
            new NumericDocValuesField(Id, d.Key.Id),
            new StoredField(Version, d.Version),
            new NumericDocValuesField(Version, d.Version),
            new StoredField(Title, d.Title ?? ""),
            new BinaryDocValuesField(Title, new BytesRef(Clip(d.Title ?? ""))),
            BodyOriginal(d.Body ?? ""),
            new Field(Title, d.Title ?? "", WordsType),
            new Field(Body, d.Body ?? "", WordsType),
            new Field(TitleBigram, d.Title ?? "", WordsType),
            new Field(BodyBigram, d.Body ?? "", WordsType),
            new StringField(Type, d.DocType ?? "", Field.Store.YES),
            new SortedDocValuesField(Type, new BytesRef(d.DocType ?? "")),
        };
        if (d.Unit is { } unit)
        {
            doc.Add(new StoredField(Unit, unit));
            doc.Add(new SortedDocValuesField(Unit, new BytesRef(unit)));
            doc.Add(new StringField(UnitNorm, normalize(unit), Field.Store.NO));
        }
        if (d.Date is { } date)
        {
            var year = date.Year.ToString(CultureInfo.InvariantCulture);
            doc.Add(new StringField(Year, year, Field.Store.NO));
            doc.Add(new SortedDocValuesField(Year, new BytesRef(year)));
            doc.Add(new Int32Field(Date, DateNumber(date), Field.Store.YES));
            doc.Add(new NumericDocValuesField(DateOrder, DateNumber(date)));
        }
        if (d.Access is null) doc.Add(new StringField(Access, Public, Field.Store.NO));
        else foreach (var k in d.Access.Distinct()) doc.Add(new StringField(Access, k, Field.Store.NO));
        if (d.SourceFile is { } file)
        {
            doc.Add(new StoredField(SourceFile, file));
            doc.Add(new BinaryDocValuesField(SourceFile, new BytesRef(Clip(file))));
        }
        if (d.Part is { } part)
        {
            doc.Add(new StoredField(Part, part));
            doc.Add(new NumericDocValuesField(Part, part));
        }
        return doc;
    }

    /// <summary>The largest doc value Lucene takes, in UTF-8 bytes.</summary>
    public const int MaxDocValueBytes = 32_766;

    /// <summary>
    /// The original body, for snippets and similar documents: a doc value when it fits (read in microseconds; a stored
    /// document's compressed block costs tens of them per hit to unpack), else a stored field.
    /// </summary>
    private static Field BodyOriginal(string body) =>
        System.Text.Encoding.UTF8.GetByteCount(body) <= MaxDocValueBytes
            ? new BinaryDocValuesField(Body, new BytesRef(body))
            : new StoredField(Body, body);

    /// <summary>
    /// A shown value as a doc value, which holds at most 32,766 bytes: titles are at most 500 characters in the database,
    /// so only a forged or generated one is cut (the stored field keeps it whole).
    /// </summary>
    private static string Clip(string text) => text.Length <= 4000 ? text : text[..4000];

    public static int DateNumber(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    public static DateOnly? DateOf(int? number) =>
        number is int n and > 0 ? new DateOnly(n / 10000, n / 100 % 100, n % 100) : null;

    public static Term KeyTerm(IndexKey key) => new(Key, key.ToString());
}
