using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Portal.Pages.Library.Import;

/// <summary>The text of a .docx: paragraphs one per line, tables row by row (cells separated by a tab).</summary>
public static class DocxReader
{
    public static string Read(byte[] bytes, LibraryOptions limits)
    {
        if (bytes.Length == 0) throw new ImportRefusedException("文件为空。");
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
            foreach (var element in body.ChildElements)
                AppendBlock(element, sb);
            var text = sb.ToString();
            if (string.IsNullOrWhiteSpace(text)) throw new ImportRefusedException("文档中没有文字内容。");
            return text;
        }
        catch (ImportRefusedException) { throw; }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or FileFormatException)
        {
            throw new ImportRefusedException("文件已损坏，无法读取 .docx 内容。");
        }
    }

    /// <summary>
    /// Before the SDK unzips anything: the declared sizes and ratios of the entries, so that a zip bomb is refused
    /// without being expanded.
    /// </summary>
    private static void CheckZip(byte[] bytes, LibraryOptions limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxDocxUncompressedBytes)
                    throw new ImportRefusedException("文件解压后过大，疑似压缩炸弹，已拒绝。");
                if (entry.Length > 1024 * 1024 && entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > limits.MaxDocxCompressionRatio)
                    throw new ImportRefusedException("文件压缩比异常，疑似压缩炸弹，已拒绝。");
            }
            if (zip.GetEntry("word/document.xml") is null)
                throw new ImportRefusedException("文件不是 Word 文档（缺少 word/document.xml）。");
        }
        catch (InvalidDataException)
        {
            throw new ImportRefusedException("文件已损坏，不是有效的 ZIP/.docx 文件。");
        }
    }

    private static void AppendBlock(OpenXmlElement element, StringBuilder sb)
    {
        switch (element)
        {
            case Paragraph p:
                sb.Append(ParagraphText(p)).Append('\n');
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
                    AppendBlock(child, sb);
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

    /// <summary>True when the paragraph uses a heading style (Heading1…, 标题 1…, Title).</summary>
    internal static bool IsHeading(Paragraph p)
    {
        var style = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        return style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.StartsWith("标题") || style == "Title";
    }
}
