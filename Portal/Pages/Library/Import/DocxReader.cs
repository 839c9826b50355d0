using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Portal.Infrastructure;

namespace Portal.Pages.Library.Import;

/// <summary>A paragraph a file marks as a heading by its style: level 0 for a title, N for heading N.</summary>
public sealed record StyledHeading(int Level, string Text);

/// <summary>Text read from a file, with the headings its paragraph styles mark (none for plain text and HTML).</summary>
public sealed record ReadText(string Text, IReadOnlyList<StyledHeading> Headings)
{
    public static ReadText Plain(string text) => new(text, Array.Empty<StyledHeading>());
}

/// <summary>
/// The text of a .docx: paragraphs one per line, tables row by row (cells separated by a tab), and the paragraphs
/// whose style makes them a title or a heading.
/// </summary>
public static class DocxReader
{
    public static ReadText Read(byte[] bytes, LibraryOptions limits)
    {
        if (bytes.Length == 0) throw new ImportRefusedException("文件为空。");
        if (ZipContent.IsCompoundFile(bytes))
            throw new ImportRefusedException("文件设置了打开密码，或是旧版 Word（.doc）文件：请取消密码、另存为 .docx 后再上传。");
        if (bytes.Length < 4 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K')
            throw new ImportRefusedException("文件已损坏或不是真正的 .docx（不是 ZIP 格式），如为旧版 .doc 请另存为 .docx。");
        CheckZip(bytes, limits);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false);
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new ImportRefusedException("文件已损坏：找不到 Word 正文。");
            var sb = new StringBuilder();
            var headings = new List<StyledHeading>();
            var styles = StyleLevels(doc.MainDocumentPart!.StyleDefinitionsPart?.Styles);
            foreach (var element in body.ChildElements)
                AppendBlock(element, sb, headings, styles);
            var text = sb.ToString();
            if (string.IsNullOrWhiteSpace(text)) throw new ImportRefusedException("文档中没有文字内容。");
            return new ReadText(text, headings);
        }
        // Whatever a damaged package makes the SDK throw (XML cut short, a part missing or not XML, an entry longer than
        // it declares) is a damaged file to the user.
        catch (Exception ex) when (ex is not (ImportRefusedException or OutOfMemoryException or OperationCanceledException))
        {
            throw new ImportRefusedException("文件已损坏，无法读取 .docx 内容。");
        }
    }

    /// <summary>
    /// Before the SDK parses anything: the entries' ratios, and the bytes they really unpack to (counted up to the limit;
    /// the sizes an archive declares may lie), so that a zip bomb is refused without being expanded.
    /// </summary>
    private static void CheckZip(byte[] bytes, LibraryOptions limits)
    {
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read))
            {
                if (zip.Entries.Any(e => e.Length > 1024 * 1024 && e.CompressedLength > 0 && e.Length / e.CompressedLength > limits.MaxDocxCompressionRatio))
                    throw new ImportRefusedException("文件压缩比异常，疑似压缩炸弹，已拒绝。");
                if (zip.GetEntry("word/document.xml") is null)
                    throw new ImportRefusedException("文件不是 Word 文档（缺少 word/document.xml）。");
            }
            if (!ZipContent.UnpacksWithin(new MemoryStream(bytes, writable: false), limits.MaxDocxUncompressedBytes))
                throw new ImportRefusedException("文件解压后过大，疑似压缩炸弹，已拒绝。");
        }
        catch (InvalidDataException)
        {
            throw new ImportRefusedException("文件已损坏，不是有效的 ZIP/.docx 文件。");
        }
    }

    private static void AppendBlock(OpenXmlElement element, StringBuilder sb, List<StyledHeading> headings, IReadOnlyDictionary<string, int> styles)
    {
        switch (element)
        {
            case Paragraph p:
                var text = ParagraphText(p);
                sb.Append(text).Append('\n');
                if (HeadingLevel(p, styles) is int level && !string.IsNullOrWhiteSpace(text)) headings.Add(new StyledHeading(level, text));
                break;
            case Table t:
                foreach (var row in t.Elements<TableRow>())
                {
                    var cells = row.Elements<TableCell>()
                        .Select(c => string.Join(" ", c.Elements<Paragraph>().Select(ParagraphText)).Trim());
                    sb.Append(string.Join('\t', cells)).Append('\n');
                }
                sb.Append('\n');
                break;
            case SdtBlock sdt:
                foreach (var child in sdt.SdtContentBlock?.ChildElements ?? Enumerable.Empty<OpenXmlElement>())
                    AppendBlock(child, sb, headings, styles);
                break;
        }
    }

    private static string ParagraphText(Paragraph p)
    {
        var sb = new StringBuilder();
        foreach (var node in p.Descendants())
        {
            switch (node)
            {
                case Text t: sb.Append(t.Text); break;
                case TabChar: sb.Append('\t'); break;
                case Break: sb.Append('\n'); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The heading level of a paragraph: its own outline level, else its style's (by the style's name, outline level or
    /// the style it is based on), else the style id read as a name. Null for body text.
    /// </summary>
    internal static int? HeadingLevel(Paragraph p, IReadOnlyDictionary<string, int> styles)
    {
        var properties = p.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is int outline && outline is >= 0 and < 9) return outline + 1;
        var id = properties?.ParagraphStyleId?.Val?.Value;
        if (string.IsNullOrEmpty(id)) return null;
        return styles.TryGetValue(id, out var level) ? level : LevelOfName(id);
    }

    /// <summary>Paragraph style id → level, for the styles that are a title or a heading.</summary>
    private static Dictionary<string, int> StyleLevels(Styles? styles)
    {
        var all = styles?.Elements<Style>().Where(s => s.StyleId?.Value is not null && (s.Type is null || s.Type.Value == StyleValues.Paragraph))
            .GroupBy(s => s.StyleId!.Value!).ToDictionary(g => g.Key, g => g.First()) ?? new Dictionary<string, Style>();
        var levels = new Dictionary<string, int>();
        foreach (var id in all.Keys)
        {
            // Follow "based on" a few steps: a custom 公文标题 style derived from Heading 1 is a heading too.
            var style = all[id];
            for (var depth = 0; depth < 5 && style is not null; depth++)
            {
                var level = LevelOfName(style.StyleName?.Val?.Value)
                    ?? (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int o && o is >= 0 and < 9 ? o + 1 : (int?)null)
                    ?? LevelOfName(style.StyleId?.Value);
                if (level is int found)
                {
                    levels[id] = found;
                    break;
                }
                style = style.BasedOn?.Val?.Value is string parent && all.TryGetValue(parent, out var p) ? p : null;
            }
        }
        return levels;
    }

    /// <summary>Title / 标题 → 0; Heading 1 / heading1 / 标题 1 → 1; anything else null.</summary>
    internal static int? LevelOfName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var n = name.Replace(" ", "").ToLowerInvariant();
        if (n is "title" or "标题") return 0;
        foreach (var prefix in new[] { "heading", "标题" })
            if (n.Length == prefix.Length + 1 && n.StartsWith(prefix, StringComparison.Ordinal) && n[^1] is >= '1' and <= '9')
                return n[^1] - '0';
        return null;
    }
}
