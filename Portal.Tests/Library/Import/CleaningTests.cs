using Portal.Pages.Library.Import;

namespace Portal.Tests.Library.Import;

public class CleaningTests
{
    private static List<string> Clean(params string[] lines) => TextCleaner.Clean(string.Join("\n", lines), joinWrapped: true);

    [Theory]
    [InlineData("首页 > 新闻中心 > 正文")]
    [InlineData("首頁 > 文章中心 > 正文")]
    [InlineData("当前位置：首页 » 工作总结 » 办公室")]
    [InlineData("首页 公文范文 年终总结")]
    public void Breadcrumbs_AreRemoved(string line) => Assert.Equal("面包屑导航", NoiseRules.RuleOf(line));

    [Theory]
    [InlineData("HI,欢迎来到某某文库 123")]
    [InlineData("欢迎访问本网站，设为首页")]
    public void SiteBanners_AreRemoved(string line) => Assert.NotNull(NoiseRules.RuleOf(line));

    [Theory]
    [InlineData("前言:本站为你精心整理了会议讲话范文,希望对你有所帮助。")]
    [InlineData("导读:小编为大家收集整理的8篇工作总结,欢迎阅读。")]
    [InlineData("前言:本站為你精心整理了座談講話范文,歡迎咨詢。")]
    public void SiteIntros_AreRemoved(string line) => Assert.Equal("网站导语", NoiseRules.RuleOf(line));

    [Theory]
    [InlineData("更多材料范本请加微信:abcwriter 进群领取,")]
    [InlineData("某某文行整理，咨询QQ123456789")]
    [InlineData("会员群：     免费QQ群：")]
    [InlineData("即可获得海量免费素材,每日更新。")]
    public void WeChatAndQqAds_AreRemoved(string line) => Assert.NotNull(NoiseRules.RuleOf(line));

    [Theory]
    [InlineData("VIP专享")]
    [InlineData("侵权投诉")]
    [InlineData("展开>>")]
    [InlineData("收起<<")]
    [InlineData("摘要:")]
    [InlineData("仅供学习 禁止外传")]
    public void VipComplaintAndExpanders_AreRemoved(string line) => Assert.NotNull(NoiseRules.RuleOf(line));

    [Theory]
    [InlineData("999+")]
    [InlineData("19.9KB")]
    [InlineData("5 页")]
    [InlineData("海报")]
    [InlineData("2023-04-05")]
    [InlineData("「 2")]
    [InlineData("0")]
    public void DownloadSiteChrome_IsRemoved(string line) => Assert.NotNull(NoiseRules.RuleOf(line));

    [Theory]
    [InlineData("《会议讲话》来源于wenku88，欢迎阅读会议讲话。")]
    [InlineData("本文档由某某网收集整理，更多优质范文文档请移步站内查找")]
    [InlineData("来源：网络  作者：佚名  更新时间：2023-08-30")]
    public void Attributions_AreRemoved(string line) => Assert.NotNull(NoiseRules.RuleOf(line));

    [Theory]
    [InlineData("为进一步加强公文管理，提高办文质量，现提出如下意见。")]
    [InlineData("要利用政务微信公众号及时发布权威信息，回应群众关切。")]
    [InlineData("努力把机关建成会员之家、职工之家，增强凝聚力。")]
    [InlineData("一、提高站位，强化责任")]
    [InlineData("同志们：")]
    [InlineData("（一）加强组织领导。")]
    public void ContentLines_AreKept(string line) => Assert.Null(NoiseRules.RuleOf(line));

    [Fact]
    public void BookmarkDebris_IsStripped_AndTheTitleKept()
    {
        var text = Clean("[bookmark: _Toc7]全县机关事务工作推进会讲话", "", "同志们：");
        Assert.Equal("全县机关事务工作推进会讲话", text[0]);
    }

    [Fact]
    public void InjectedDomainReminder_IsRemoved_AndTheSplitWordRejoined()
    {
        var text = Clean("一是抓人员培[:请记住本站域名/]训，全年举办培训班四期。");
        Assert.Equal("一是抓人员培训，全年举办培训班四期。", Assert.Single(text));
    }

    [Fact]
    public void CopyrightGluedToALine_IsCut()
    {
        var text = Clean("为今后的工作指明了方向。版权所有");
        Assert.Equal("为今后的工作指明了方向。", Assert.Single(text));
    }

    [Fact]
    public void UpdateTimeLine_IsNeitherContentNorTheDocumentDate()
    {
        var text = "全县机关事务工作推进会讲话\n更新时间：2023-08-30\n时间:2022-06-15 15:56:08\n" + Fixtures.Speech;
        var doc = Assert.Single(DocumentParser.Parse(text, joinWrapped: true));
        Assert.Null(doc.DocDate);
        Assert.DoesNotContain(doc.Paragraphs, p => p.Contains("2023-08-30") || p.Contains("2022-06-15"));
    }

    [Fact]
    public void HardWrappedLines_AreJoinedWithoutSpaces_AcrossARemovedAd()
    {
        var lines = Fixtures.HardWrap(Fixtures.Speech, 34);
        // The ad lands mid-sentence, between two wrapped halves of a phrase, as in PDF previews from download sites.
        var at = lines.FindIndex(l => l.Length == 34 && !"，。：；、".Contains(l[^1]));
        Assert.True(at >= 0);
        lines.InsertRange(at + 1, new[] { "更多公文素材、写作指导请加微信:writer2024 进微信群,", "即可获得海量免费素材,每日更新实时文稿。" });
        var cleaned = TextCleaner.Clean(Fixtures.Lines(lines), joinWrapped: true);

        var expected = Fixtures.Speech.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, cleaned);
        Assert.DoesNotContain(cleaned, p => p.Contains("微信") || p.Contains("素材") || p.Contains(' '));
    }

    [Fact]
    public void Headings_AndParagraphs_AreKept()
    {
        var cleaned = TextCleaner.Clean(Fixtures.Lines(Fixtures.HardWrap(Fixtures.Speech, 30)), joinWrapped: true);
        Assert.Contains("一、统一思想认识，切实增强做好机关事务工作的责任感", cleaned);
        Assert.Contains("二、突出工作重点，全面提升服务保障水平", cleaned);
        Assert.Equal(6, cleaned.Count);
    }

    [Fact]
    public void ConverterBreaks_InsideSentences_AreJoined()
    {
        // A DOCX extraction breaks lines at odd places, not at a fixed width.
        var cleaned = Clean("长期以来，我县政", "府系统办公室广大干部职工坚持", "实干为先，取得了重", "大成就。", "一、存在问题");
        Assert.Equal("长期以来，我县政府系统办公室广大干部职工坚持实干为先，取得了重大成就。", cleaned[0]);
        Assert.Equal("一、存在问题", cleaned[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WordSplitByALineBreak_IsOneWordAgain(bool adBetween)
    {
        // 办|公室 split by the wrap (and, in the second case, an ad inserted between the halves).
        var lines = new List<string>
        {
            "作为后勤部，各单位工作要实现快节奏、高效率、创一流，都离不开办",
            "公室高质高效、周到细致的筹备安排和服务保障。",
        };
        if (adBetween) lines.Insert(1, "更多公文素材、写作指导请加微信:writer2024 进微信群,");
        var cleaned = TextCleaner.Clean(Fixtures.Lines(lines), joinWrapped: true);
        Assert.Equal("作为后勤部，各单位工作要实现快节奏、高效率、创一流，都离不开办公室高质高效、周到细致的筹备安排和服务保障。", Assert.Single(cleaned));
    }

    [Fact]
    public void RunInHeadingParagraph_BrokenMidWord_IsJoined()
    {
        var cleaned = Clean(
            "（一）做好办公室工作是推进全县发展的需要。近年来，在县委、县政府的正确领导下，全县经济社会发展取得了重",
            "大成就。但是，我们的工作离群众的期望仍有差距。",
            "（二）加强督查督办");
        Assert.Equal(2, cleaned.Count);
        Assert.EndsWith("取得了重大成就。但是，我们的工作离群众的期望仍有差距。", cleaned[0]);
    }

    [Fact]
    public void ShortTitleLines_AreNotJoinedToTheText()
    {
        var cleaned = Clean("全县机关事务工作推进会讲话", "同志们：", "今天召开会议。");
        Assert.Equal(new[] { "全县机关事务工作推进会讲话", "同志们：", "今天召开会议。" }, cleaned);
    }

    [Fact]
    public void Teaser_RepeatingTheOpening_IsRemoved()
    {
        var body = Fixtures.HardWrap(Fixtures.Speech, 34);
        var opening = string.Concat(Fixtures.Speech.Split('\n').Take(2));
        var lines = new List<string> { "全县机关事务工作推进会讲话" };
        lines.AddRange(body);
        lines.AddRange(new[] { "摘要:", "展开>>", "收起<<", opening[..80] + "..." });
        var cleaned = TextCleaner.Clean(Fixtures.Lines(lines), joinWrapped: true);
        Assert.DoesNotContain(cleaned, p => p.EndsWith("..."));
        Assert.Equal(7, cleaned.Count);
    }

    [Fact]
    public void RepeatedTitle_IsKeptOnce()
    {
        var doc = Assert.Single(DocumentParser.Parse(
            "首页 > 文章中心 > 正文\n\n          全县机关事务工作推进会讲话\n\n          前言:本站为你精心整理了推进会讲话范文。\n\n          全县机关事务工作推进会讲话\n\n" + Fixtures.Speech, joinWrapped: true));
        Assert.Equal("全县机关事务工作推进会讲话", doc.Title);
        Assert.Equal("同志们：", doc.Paragraphs[0]);
        Assert.Equal("讲话", doc.DocType);
    }
}
