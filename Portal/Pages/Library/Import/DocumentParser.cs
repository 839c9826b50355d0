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
    /// <summary>The body paragraphs the file's styles mark as headings (Word), in order; empty for other files.</summary>
    public List<StyledHeading> Headings { get; set; } = new();
}

/// <summary>Cleaned paragraphs → documents: the title found and the page chrome above it dropped, pieces split, metadata read.</summary>
public static class DocumentParser
{
    public static List<ParsedDocument> Parse(string text, bool joinWrapped) => Parse(ReadText.Plain(text), joinWrapped);

    /// <param name="read">The text, with the headings the file's styles mark: those give the outline and, at the top, the title.</param>
    public static List<ParsedDocument> Parse(ReadText read, bool joinWrapped)
    {
        var paragraphs = TextCleaner.Clean(read.Text, joinWrapped);
        if (paragraphs.Count == 0) throw new ImportRefusedException("清理后没有正文内容。");
        var styled = StyledLevels(read.Headings);
        var split = CompilationSplitter.Split(paragraphs);
        var docs = new List<ParsedDocument>();
        if (!split.IsCompilation)
        {
            docs.Add(Single(paragraphs, styled));
        }
        else
        {
            foreach (var piece in split.Pieces)
            {
                if (piece.Paragraphs.Count == 0) continue;
                docs.Add(FromPiece(piece, split.Preamble, styled));
            }
        }
        MarkNearDuplicates(docs);
        return docs;
    }

    /// <summary>Styled heading texts as the cleaner leaves them (so they compare with the paragraphs) → level.</summary>
    private static Dictionary<string, int> StyledLevels(IReadOnlyList<StyledHeading> headings)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var h in headings)
        {
            var line = TextCleaner.Normalise(h.Text).Split('\n').Select(l => TextCleaner.StripInline(l).Trim()).FirstOrDefault(l => l.Length > 0);
            if (line is not null) levels.TryAdd(line, h.Level);
        }
        return levels;
    }

    /// <summary>
    /// The first styled paragraph, when it is among the first three (a 文号 or a 密级 line may stand above it) and is a
    /// title or a first-level heading, is the title — unless it is numbered (一、…): that is the first section's heading.
    /// </summary>
    private static int StyledTitle(List<string> paragraphs, Dictionary<string, int> styled)
    {
        for (var i = 0; i < Math.Min(paragraphs.Count - 1, 3); i++)
        {
            if (!styled.TryGetValue(paragraphs[i], out var level)) continue;
            return level <= 1 && paragraphs[i].Length <= 120 && !Structure.IsHeadingStart(paragraphs[i]) && !Structure.IsSeparator(paragraphs[i]) ? i : -1;
        }
        return -1;
    }

    private static ParsedDocument Single(List<string> paragraphs, Dictionary<string, int> styled)
    {
        var titleAt = StyledTitle(paragraphs, styled) is var byStyle and >= 0 ? byStyle : FindTitle(paragraphs);
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
        return WithMetadata(title, body, preamble, part: null, styled);
    }

    private static ParsedDocument FromPiece(Piece piece, List<string> preamble, Dictionary<string, int> styled)
    {
        var body = piece.Paragraphs.ToList();
        string title;
        if (!string.IsNullOrWhiteSpace(piece.Title))
            title = MetadataExtractor.StripTemplateSuffix(piece.Title);
        else if (body.Count > 1 && (StyledTitle(body, styled) == 0 || Structure.IsTitleLike(body[0]) && body[0].Length <= 50))
        {
            title = MetadataExtractor.StripTemplateSuffix(body[0]);
            body.RemoveAt(0);
        }
        else
            title = MetadataExtractor.DeriveTitle(body);
        return WithMetadata(title, body, new List<string>(), piece.Part, styled);
    }

    private static ParsedDocument WithMetadata(string title, List<string> body, List<string> preamble, int? part, Dictionary<string, int> styled)
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
            Headings = body.Where(styled.ContainsKey).Select(p => new StyledHeading(styled[p], p)).ToList(),
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

    /// <summary>Shorter texts (a line or two) are not taken for a copy of a longer one.</summary>
    internal const int NearDuplicateMinLength = 50;

    /// <summary>
    /// A piece whose text (white space aside) is contained in another piece's — typically a truncated copy that, once
    /// hard wraps are joined, is a prefix of the other — is marked as that one's duplicate. The longer one is kept.
    /// </summary>
    internal static void MarkNearDuplicates(List<ParsedDocument> docs)
    {
        var squeezed = docs.Select(d => TextCleaner.Squeeze(string.Concat(d.Paragraphs))).ToList();
        for (var i = 0; i < docs.Count; i++)
        {
            if (squeezed[i].Length < NearDuplicateMinLength) continue;
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
