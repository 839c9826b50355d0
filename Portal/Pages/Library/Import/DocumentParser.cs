using Portal.Data;

namespace Portal.Pages.Library.Import;

/// <summary>A document read from a file, before it is saved.</summary>
public sealed class ParsedDocument
{
    public string Title { get; set; } = "";
    public List<string> Paragraphs { get; set; } = new();
    public string Body => string.Join("\n", Paragraphs);
    public string? DocNumber { get; set; }
    public string DocType { get; set; } = DocumentTypes.Other;
    public DateOnly? DocDate { get; set; }
    public string? UnitName { get; set; }
    public int? Part { get; set; }
    /// <summary>Index (in the same file) of the piece this one repeats, when it is a near-duplicate.</summary>
    public int? DuplicateOfIndex { get; set; }
}

/// <summary>Cleaned paragraphs → documents: the title found and the page chrome above it dropped, pieces split, metadata read.</summary>
public static class DocumentParser
{
    public static List<ParsedDocument> Parse(string text, bool joinWrapped)
    {
        var paragraphs = TextCleaner.Clean(text, joinWrapped);
        if (paragraphs.Count == 0) throw new ImportRefusedException("清理后没有正文内容。");
        var split = CompilationSplitter.Split(paragraphs);
        var docs = new List<ParsedDocument>();
        if (!split.IsCompilation)
        {
            docs.Add(Single(paragraphs));
        }
        else
        {
            foreach (var piece in split.Pieces)
            {
                if (piece.Paragraphs.Count == 0) continue;
                docs.Add(FromPiece(piece, split.Preamble));
            }
        }
        MarkNearDuplicates(docs);
        return docs;
    }

    private static ParsedDocument Single(List<string> paragraphs)
    {
        var titleAt = FindTitle(paragraphs);
        List<string> preamble;
        List<string> body;
        string title;
        if (titleAt >= 0)
        {
            title = MetadataExtractor.StripTemplateSuffix(paragraphs[titleAt]);
            preamble = paragraphs.Take(titleAt).ToList();
            body = paragraphs.Skip(titleAt + 1).ToList();
            // Short lines above the title are a site's header; anything substantial there is kept as text.
            if (preamble.Any(p => p.Length > 100)) body.InsertRange(0, preamble);
            body.RemoveAll(p => p == paragraphs[titleAt] || CompilationSplitter.RepeatsTitle(p, title) && body.IndexOf(p) < 3);
        }
        else
        {
            preamble = new List<string>();
            body = paragraphs.ToList();
            title = MetadataExtractor.DeriveTitle(body);
        }
        return WithMetadata(title, body, preamble, part: null);
    }

    private static ParsedDocument FromPiece(Piece piece, List<string> preamble)
    {
        var body = piece.Paragraphs.ToList();
        string title;
        if (!string.IsNullOrWhiteSpace(piece.Title))
            title = MetadataExtractor.StripTemplateSuffix(piece.Title);
        else if (body.Count > 1 && Structure.IsTitleLike(body[0]) && body[0].Length <= 50)
        {
            title = MetadataExtractor.StripTemplateSuffix(body[0]);
            body.RemoveAt(0);
        }
        else
            title = MetadataExtractor.DeriveTitle(body);
        return WithMetadata(title, body, new List<string>(), piece.Part);
    }

    private static ParsedDocument WithMetadata(string title, List<string> body, List<string> preamble, int? part)
    {
        var date = MetadataExtractor.FindDate(body, out var dateAt);
        return new ParsedDocument
        {
            Title = title.Length > 500 ? title[..500] : title,
            Paragraphs = body,
            Part = part,
            DocNumber = MetadataExtractor.FindDocNumber(preamble.TakeLast(4).Concat(body.Take(5))),
            DocDate = date,
            UnitName = MetadataExtractor.FindUnit(body, dateAt),
            DocType = MetadataExtractor.TypeFromText(title, body),
        };
    }

    /// <summary>
    /// Where the title is: a title-like line the page repeats, else the one above the salutation, else one that names
    /// a document type, else a title-like first line. -1 when none (the title is then derived from the text).
    /// </summary>
    internal static int FindTitle(List<string> paragraphs)
    {
        var head = Math.Min(paragraphs.Count, 12);
        for (var i = 0; i < head; i++)
        {
            if (!Structure.IsTitleLike(paragraphs[i]) || paragraphs[i].Length < 6) continue;
            for (var j = i + 1; j < head; j++)
                if (paragraphs[j] == paragraphs[i]) return i;
        }
        for (var s = 0; s < Math.Min(paragraphs.Count, 15); s++)
        {
            if (!Structure.IsSalutation(paragraphs[s])) continue;
            for (var i = s - 1; i >= 0; i--)
                if (Structure.IsTitleLike(paragraphs[i]) && paragraphs[i].Length >= 6) return i;
            break;
        }
        for (var i = 0; i < Math.Min(paragraphs.Count, 8); i++)
            if (Structure.IsTitleLike(paragraphs[i]) && MetadataExtractor.TypeFromTitle(paragraphs[i]) is not null) return i;
        for (var i = 0; i < Math.Min(paragraphs.Count, 3); i++)
            if (Structure.IsTitleLike(paragraphs[i]) && paragraphs[i].Length >= 6 && paragraphs.Count > 1) return i;
        return -1;
    }

    /// <summary>
    /// A piece whose text (white space aside) is contained in another piece's — typically a truncated copy that, once
    /// hard wraps are joined, is a prefix of the other — is marked as that one's duplicate. The longer one is kept.
    /// </summary>
    internal static void MarkNearDuplicates(List<ParsedDocument> docs)
    {
        var squeezed = docs.Select(d => TextCleaner.Squeeze(string.Concat(d.Paragraphs))).ToList();
        for (var i = 0; i < docs.Count; i++)
        {
            if (squeezed[i].Length < 50) continue;
            for (var j = 0; j < docs.Count; j++)
            {
                if (i == j || docs[j].DuplicateOfIndex is not null) continue;
                var longer = squeezed[j].Length > squeezed[i].Length || (squeezed[j].Length == squeezed[i].Length && j < i);
                if (longer && squeezed[j].Contains(squeezed[i], StringComparison.Ordinal))
                {
                    docs[i].DuplicateOfIndex = j;
                    break;
                }
            }
        }
    }
}
