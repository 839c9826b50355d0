using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Pages.Library;
using Portal.Pages.Library.Import;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Library.Import;

/// <summary>Word's heading styles give a .docx its title and its outline; other files keep the numbering outline.</summary>
public class DocxHeadingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>
    /// A report as Chinese Word saves it: style ids "a3" (Title) and "1"/"2" (heading 1/2) named in the styles part,
    /// a custom 公文小标题 style based on heading 2, an outline level set on one paragraph directly, and headings
    /// without any 一、 numbering.
    /// </summary>
    internal static byte[] StyledReport(string title = "城关区政府办公室关于2025年督查工作情况的报告", bool titleStyled = true)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            static Style Para(string id, string name, string? basedOn = null)
            {
                var s = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
                if (basedOn is not null) s.Append(new BasedOn { Val = basedOn });
                return s;
            }
            styles.Styles = new Styles(Para("a", "Normal"), Para("a3", "Title"), Para("1", "heading 1"), Para("2", "heading 2"),
                Para("gwxbt", "公文小标题", basedOn: "2"));
            styles.Styles.Save();

            static Paragraph P(string text, string? style = null, int? outline = null)
            {
                var p = new Paragraph(new Run(new Text(text)));
                if (style is not null || outline is not null)
                {
                    p.ParagraphProperties = new ParagraphProperties();
                    if (style is not null) p.ParagraphProperties.ParagraphStyleId = new ParagraphStyleId { Val = style };
                    if (outline is not null) p.ParagraphProperties.OutlineLevel = new OutlineLevel { Val = outline };
                }
                return p;
            }
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new Body(
                P(title, titleStyled ? "a3" : null),
                P("区政府：", "a"),
                P("现将今年以来督查工作情况报告如下。"),
                P("工作开展情况", "1"),
                P("全年共立项督办事项八十六件，已办结七十九件，按期办结率百分之九十一点九。"),
                P("重点事项督办", "gwxbt"),
                P("对区政府常务会议议定事项实行清单管理，逐项明确责任单位和完成时限。"),
                P("1. 这一段以编号开头，却是正文里的列举，不是标题，提纲中不应出现。"),
                P("存在的问题", outline: 0),
                P("个别单位反馈不及时，办理质量有待提高。"),
                P("下一步打算", "1"),
                P("进一步健全督查督办工作机制。")));
            main.Document.Save();
        }
        return ms.ToArray();
    }

    [Fact]
    public void TitleStyle_AtTheTop_IsTheTitle_AndHeadingStyles_AreTheOutline()
    {
        var doc = Assert.Single(DocumentParser.Parse(DocxReader.Read(StyledReport(), new LibraryOptions()), joinWrapped: false));

        Assert.Equal("城关区政府办公室关于2025年督查工作情况的报告", doc.Title);
        Assert.Equal("报告", doc.DocType);
        Assert.Equal(new[] { (1, "工作开展情况"), (2, "重点事项督办"), (1, "存在的问题"), (1, "下一步打算") },
            doc.Headings.Select(h => (h.Level, h.Text)));

        var paragraphs = doc.Paragraphs;
        var outline = DocumentOutline.Of(paragraphs, DocumentOutline.Encode(doc.Headings));
        Assert.Equal(new[] { "工作开展情况", "重点事项督办", "存在的问题", "下一步打算" }, outline.Select(o => o.Text));
        Assert.Equal(new[] { 1, 2, 1, 1 }, outline.Select(o => o.Level));
        Assert.All(outline, o => Assert.Equal(o.Text, paragraphs[o.Paragraph]));
        // Without the styles, the numbering rules would have found none of these headings and taken the list item.
        Assert.DoesNotContain(DocumentOutline.Of(paragraphs), o => o.Text == "工作开展情况");
    }

    [Fact]
    public void NumberedHeading1_AtTheTop_IsTheFirstSection_NotTheTitle()
    {
        var read = DocxReader.Read(StyledReport(title: "一、总体情况"), new LibraryOptions());
        var restyled = read with { Headings = read.Headings.Select(h => h.Text == "一、总体情况" ? h with { Level = 1 } : h).ToList() };
        var doc = Assert.Single(DocumentParser.Parse(restyled, joinWrapped: false));
        Assert.NotEqual("一、总体情况", doc.Title);
        Assert.Contains("一、总体情况", doc.Paragraphs);
    }

    [Fact]
    public void Outline_SkipsAStyledHeading_TheEditedBodyNoLongerHas()
    {
        var stored = DocumentOutline.Encode(new[] { new StyledHeading(1, "第一部分"), new StyledHeading(1, "已删除的标题"), new StyledHeading(2, "第二部分") });
        var outline = DocumentOutline.Of(new[] { "第一部分", "正文。", "第二部分", "正文。" }, stored);
        Assert.Equal(new[] { (0, 1), (2, 2) }, outline.Select(o => (o.Paragraph, o.Level)));
    }

    [Fact]
    public async Task DocumentPage_ShowsTheStyledOutline_ForAWordFile_AndTheNumberingOutline_ForText()
    {
        var word = await ImportAsync("督查工作报告.docx", StyledReport());
        var text = await ImportAsync("值班通知.txt", Encoding.UTF8.GetBytes(
            "关于做好节日值班工作的通知\n各科室：\n现将有关事项通知如下。\n一、值班安排\n请各科室排好班次。\n二、工作要求\n值班人员要坚守岗位。\n"));

        var staff = await factory.SignInAsync("demo.staff");
        var page = await staff.GetDocumentAsync($"/Library/Details/{word}");
        Assert.Equal("城关区政府办公室关于2025年督查工作情况的报告", page.TextOf("#doc-title"));
        var entries = page.QuerySelectorAll("#outline li").Select(li => (li.ClassName ?? "", li.TextContent.Trim())).ToList();
        Assert.Equal(new[] { ("outline-level-1", "工作开展情况"), ("outline-level-2", "重点事项督办"), ("outline-level-1", "存在的问题"), ("outline-level-1", "下一步打算") }, entries);
        // Each entry links to its heading in the body.
        var href = page.QuerySelector("#outline li a")!.GetAttribute("href")!;
        Assert.Equal("工作开展情况", page.QuerySelector(href)!.TextContent.Trim());
        Assert.Equal("H2", page.QuerySelector(href)!.TagName);

        var plain = await staff.GetDocumentAsync($"/Library/Details/{text}");
        Assert.Equal(new[] { "一、值班安排", "二、工作要求" }, plain.QuerySelectorAll("#outline li").Select(li => li.TextContent.Trim()));
    }

    private async Task<int> ImportAsync(string name, byte[] bytes)
    {
        var result = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<ImportService>().ImportAsync(name, new MemoryStream(bytes), new ImportDefaults()));
        Assert.True(result.Outcome == ImportOutcome.Imported, result.Message);
        return Assert.Single(result.DocumentIds);
    }
}
