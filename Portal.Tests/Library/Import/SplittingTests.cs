using Portal.Pages.Library.Import;

namespace Portal.Tests.Library.Import;

public class SplittingTests
{
    private static string PieceBody(string topic) =>
        $"同志们：\n今天我们专门研究{topic}工作，这项工作事关全局，各单位务必高度重视，认真抓好落实，确保取得实效。\n一、明确目标任务\n要围绕{topic}的重点难点，细化措施，压实责任，按时完成各项任务。\n";

    [Fact]
    public void ChineseNumeralSeparators_WithTitles_MakeOnePiecePerPart_AndTheAbstractIsNotAPiece()
    {
        var first = PieceBody("公文处理");
        var text =
            "[bookmark: _Toc1]县长在办公室系统会议上的讲话（三篇）\n" +
            "来源：网络  作者：佚名  更新时间：2024-08-30\n" +
            // The page's abstract: starts like the first piece, runs on, ends with an ellipsis.
            "第一篇：县长在办公室系统会议上的讲话县长在办公室系统会议上的讲话范文" + first.Replace("\n", "")[..60] + "...\n" +
            "第一篇：县长在办公室系统会议上的讲话\n县长在办公室系统会议上的讲话范文\n" + first +
            "第二篇：副县长在2023年督查工作会议上的讲话\n副县长在2024年督查工作会议上的讲话\n" + PieceBody("督查督办") +
            "第三篇：信息工作座谈会发言\n文章标题：信息工作座谈会发言\n" + PieceBody("政务信息") +
            "本文档由某某网收集整理，更多优质范文文档请移步站内查找\n";

        var docs = DocumentParser.Parse(text, joinWrapped: true);
        Assert.Equal(3, docs.Count);
        Assert.Equal(new int?[] { 1, 2, 3 }, docs.Select(d => d.Part));
        Assert.Equal("县长在办公室系统会议上的讲话", docs[0].Title);
        Assert.Equal("副县长在2023年督查工作会议上的讲话", docs[1].Title);
        Assert.Equal("信息工作座谈会发言", docs[2].Title);
        Assert.All(docs, d => Assert.Equal("同志们：", d.Paragraphs[0]));
        Assert.All(docs, d => Assert.Equal("讲话", d.DocType));
        Assert.DoesNotContain(docs, d => d.Body.Contains("本文档由"));
    }

    [Fact]
    public void ArabicSeparators_AloneOnALine_MakePieces_WithDerivedTitles()
    {
        var text =
            "首页 精品范文 办公室工作\n\n办公室工作\n\n时间:2022-06-15 15:56:08\n\n开篇:小编精心整理的3篇办公室工作,欢迎阅读。\n\n办公室工作\n\n" +
            "第1篇\n\n一、加强值班管理，确保信息畅通\n\n各单位要严格执行值班制度。\n\n" +
            "第2篇\n\n今年以来，县政府办公室紧紧围绕中心工作，认真履行职责，较好完成了各项任务。现将有关情况报告如下。\n\n" +
            "第3篇\n\n迎难而上实现政务信息工作新突破\n\n全县信息工作取得明显成效。\n";
        var docs = DocumentParser.Parse(text, joinWrapped: true);
        Assert.Equal(3, docs.Count);
        Assert.Equal("加强值班管理，确保信息畅通", docs[0].Title);
        Assert.Equal("今年以来，县政府办公室紧紧围绕中心工作，认真履行职责…", docs[1].Title);
        Assert.Equal("迎难而上实现政务信息工作新突破", docs[2].Title);
        Assert.Equal("全县信息工作取得明显成效。", Assert.Single(docs[2].Paragraphs));
        Assert.All(docs, d => Assert.Null(d.DocDate));
    }

    [Fact]
    public void RepeatedTitleBlocks_MakePieces()
    {
        var text =
            "关于做好防汛工作的通知\n各乡镇人民政府，县直各单位：\n请各单位落实防汛责任，加强巡查。\n特此通知。\n" +
            "关于开展安全生产检查的通知\n各乡镇人民政府，县直各单位：\n请各单位于月底前完成安全生产检查。\n特此通知。\n";
        var docs = DocumentParser.Parse(text, joinWrapped: true);
        Assert.Equal(2, docs.Count);
        Assert.Equal("关于做好防汛工作的通知", docs[0].Title);
        Assert.Equal("关于开展安全生产检查的通知", docs[1].Title);
        Assert.All(docs, d => Assert.Equal("通知", d.DocType));
    }

    [Fact]
    public void NearDuplicatePiece_ThatIsAPrefixOfAnotherOnceLinesAreJoined_IsMarked()
    {
        var full = "本次会议是经县政府常务会议研究同意召开的一次重要会议，主要任务是总结工作、部署任务。长期以来，全县政府系统办公室广大干部职工取得了重大成就，为全县发展作出了重要贡献。今后要继续发扬优良作风。";
        // Piece 2 is broken by the converter in the middle of words; piece 3 is the same text, cut off and wrapped elsewhere.
        var piece2 = full[..40] + "\n" + full[40..71] + "\n" + full[71..];
        var cut = full[..90];
        var piece3 = cut[..25] + "\n" + cut[25..];
        var text = "第一篇：县长讲话\n" + PieceBody("值班") + "第二篇：副县长讲话\n" + piece2 + "\n第三篇：副县长讲话\n" + piece3 + "\n";
        var docs = DocumentParser.Parse(text, joinWrapped: true);
        Assert.Equal(3, docs.Count);
        Assert.Null(docs[0].DuplicateOfIndex);
        Assert.Null(docs[1].DuplicateOfIndex);
        Assert.Equal(1, docs[2].DuplicateOfIndex);
    }

    [Fact]
    public void PlainDocument_IsOnePiece()
    {
        var docs = DocumentParser.Parse("全县机关事务工作推进会讲话\n" + Fixtures.Speech, joinWrapped: true);
        var doc = Assert.Single(docs);
        Assert.Null(doc.Part);
        Assert.Null(doc.DuplicateOfIndex);
    }
}
