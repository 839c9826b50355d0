using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Portal.Tests.Security;

/// <summary>Files people (or attackers) upload that are not what their names say.</summary>
public static class HostileFiles
{
    /// <summary>The first bytes of a real PNG (signature and an IHDR chunk), then noise.</summary>
    public static readonly byte[] Png =
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0 }
            .Concat(Enumerable.Range(0, 2000).Select(i => (byte)(i * 37 % 256))).ToArray();

    /// <summary>A DOCX whose document.xml expands to <paramref name="megabytes"/> MB of blanks (a few kB compressed).</summary>
    public static byte[] ZipBombDocx(int megabytes = 50)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Write(zip, "_rels/.rels",
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using var s = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            s.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"u8);
            var blanks = new byte[1024 * 1024];
            Array.Fill(blanks, (byte)' ');
            for (var i = 0; i < megabytes; i++) s.Write(blanks);
            s.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }
        return ms.ToArray();
    }

    /// <summary>The .docx with a styles part (a heading style), as Word saves every document.</summary>
    public static byte[] WithStyles(byte[] docx)
    {
        using var ms = new MemoryStream();
        ms.Write(docx);
        using (var doc = WordprocessingDocument.Open(ms, true))
        {
            var part = doc.MainDocumentPart!.AddNewPart<StyleDefinitionsPart>();
            part.Styles = new Styles(new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "Heading1" });
            part.Styles.Save();
        }
        return ms.ToArray();
    }

    /// <summary>A well-formed zip that is not a Word document.</summary>
    public static byte[] ZipWithoutDocument()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            Write(zip, "readme.txt", "不是 Word 文档");
        return ms.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var s = zip.CreateEntry(name).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Text of <paramref name="lines"/> lines, the shape of a long report.</summary>
    public static string LongText(int lines)
    {
        var sb = new StringBuilder("关于全市安全生产工作情况的报告\n各区县人民政府：\n");
        for (var i = 1; i <= lines; i++) sb.Append("第").Append(i).Append("项：落实安全生产责任。\n");
        return sb.ToString();
    }
}
