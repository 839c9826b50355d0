using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Portal.Pages.Library.Import;

namespace Portal.Tests.Library.Import;

public class ReaderTests
{
    private const string Sample = "关于做好春节期间值班工作的通知\n各乡镇人民政府，县政府各部门：\n请各单位认真安排值班人员，确保信息畅通。\n";

    [Fact]
    public void Gb18030Text_IsDecoded_WhenNotValidUtf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Sample);
        Assert.Equal(Sample, TextDecoder.Decode(bytes));
    }

    [Fact]
    public void GbkFileOnDisk_IsImportedAsReadableText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Path.Combine(Fixtures.TempDir(), "gbk.txt");
        File.WriteAllBytes(path, Encoding.GetEncoding("GBK").GetBytes(Sample));
        var docs = DocumentParser.Parse(TextDecoder.Decode(File.ReadAllBytes(path)), joinWrapped: true);
        Assert.Equal("关于做好春节期间值班工作的通知", Assert.Single(docs).Title);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-8")]
    public void UnicodeText_IsDecoded_WithOrWithoutBom(string kind)
    {
        var bytes = kind switch
        {
            "utf-16le" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Sample)).ToArray(),
            "utf-16be" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Sample)).ToArray(),
            "utf-8-bom" => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Sample)).ToArray(),
            _ => Encoding.UTF8.GetBytes(Sample),
        };
        Assert.Equal(Sample, TextDecoder.Decode(bytes));
    }

    [Fact]
    public void EmptyText_IsRefused()
    {
        var ex = Assert.Throws<ImportRefusedException>(() => TextDecoder.Decode(Array.Empty<byte>()));
        Assert.Contains("为空", ex.Message);
    }

    internal static byte[] MakeDocx()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            Paragraph P(string text, string? style = null)
            {
                var p = new Paragraph(new Run(new Text(text)));
                if (style is not null) p.ParagraphProperties = new ParagraphProperties(new ParagraphStyleId { Val = style });
                return p;
            }
            var table = new Table(
                new TableRow(new TableCell(P("单位")), new TableCell(P("得分"))),
                new TableRow(new TableCell(P("县政府办公室")), new TableCell(P("95"))));
            main.Document = new Document(new Body(
                P("县政府办公室2025年工作总结", "Title"),
                P("一、主要工作", "Heading1"),
                P("全年共办理公文一千二百件，"),
                new Paragraph(new Run(new Text("组织会议六十次。"), new Break(), new Text("接待来访群众三百人次。"))),
                table,
                P("二、存在问题", "Heading1"),
                P("信息报送的时效性还需提高。")));
            main.Document.Save();
        }
        return ms.ToArray();
    }

    [Fact]
    public void Docx_ParagraphsHeadingsAndTables_AreRead()
    {
        var read = DocxReader.Read(MakeDocx(), new LibraryOptions());
        var lines = read.Text.Split('\n');
        Assert.Contains("县政府办公室2025年工作总结", lines);
        Assert.Contains("一、主要工作", lines);
        Assert.Contains("单位\t得分", lines);
        Assert.Contains("县政府办公室\t95", lines);
        Assert.Contains("接待来访群众三百人次。", lines);

        var doc = Assert.Single(DocumentParser.Parse(read, joinWrapped: false));
        Assert.Equal("县政府办公室2025年工作总结", doc.Title);
        Assert.Equal("总结", doc.DocType);
        Assert.Contains("二、存在问题", doc.Paragraphs);
    }

    [Fact]
    public void Docx_ThatIsNotAZip_IsRefused()
    {
        var ex = Assert.Throws<ImportRefusedException>(() => DocxReader.Read(Encoding.UTF8.GetBytes("这不是一个 Word 文件"), new LibraryOptions()));
        Assert.Contains("不是", ex.Message);
    }

    [Fact]
    public void Docx_ZipBomb_IsRefusedBeforeExpanding()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var s = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 8; i++) s.Write(zeros);
        }
        var ex = Assert.Throws<ImportRefusedException>(() => DocxReader.Read(ms.ToArray(), new LibraryOptions { MaxDocxCompressionRatio = 100 }));
        Assert.Contains("压缩炸弹", ex.Message);

        var tooBig = Assert.Throws<ImportRefusedException>(() => DocxReader.Read(ms.ToArray(), new LibraryOptions { MaxDocxUncompressedBytes = 4 * 1024 * 1024 }));
        Assert.Contains("压缩炸弹", tooBig.Message);
    }

    [Fact]
    public void Html_MainText_WithoutScriptsStylesAndNavigation()
    {
        var html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>关于加强公文管理的意见 - 某某范文网</title>
            <style>.x{color:red}</style><script>var tracker = "统计代码";</script></head>
            <body>
            <div class="top-nav"><a href="/">网站首页</a><a href="/fw">范文大全</a></div>
            <nav><ul><li>导航栏目一</li><li>导航栏目二</li></ul></nav>
            <div class="breadcrumb">首页 &gt; 公文写作 &gt; 正文</div>
            <article>
              <h1>关于加强公文管理的意见</h1>
              <p>为进一步规范公文处理工作，提高办文质量，现提出如下意见。</p>
              <h2>一、严格公文审核</h2>
              <p>各单位发文前须经办公室审核把关。</p>
              <script>document.write("广告脚本")</script>
            </article>
            <aside>热门文章排行</aside>
            <footer>版权所有 某某网 备案号</footer>
            </body></html>
            """;
        var text = HtmlReader.Read(Encoding.UTF8.GetBytes(html));
        Assert.Contains("为进一步规范公文处理工作", text);
        Assert.Contains("一、严格公文审核", text);
        foreach (var chrome in new[] { "统计代码", "导航栏目", "网站首页", "广告脚本", "热门文章", "备案号", "color:red", "公文写作 >" })
            Assert.DoesNotContain(chrome, text);
        var doc = Assert.Single(DocumentParser.Parse(text, joinWrapped: false));
        Assert.Equal("关于加强公文管理的意见", doc.Title);
        Assert.Equal("意见", doc.DocType);
    }

    [Theory]
    [InlineData("旧文件.doc", ".doc")]
    [InlineData("扫描件.pdf", ".pdf")]
    [InlineData("报告.wps", ".wps")]
    [InlineData("照片.jpg", ".jpg")]
    [InlineData("材料.zip", ".zip")]
    public void UnsupportedTypes_AreRefused_NamingWhatIsSupported(string name, string ext)
    {
        Assert.Null(FileFormats.Of(name));
        var reason = FileFormats.UnsupportedReason(name);
        Assert.Contains(ext, reason);
        Assert.Contains(".txt", reason);
        Assert.Contains(".docx", reason);
        Assert.Contains(".jsonl", reason);
    }
}
