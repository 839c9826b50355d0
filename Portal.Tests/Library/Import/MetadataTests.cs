using Portal.Pages.Library.Import;

namespace Portal.Tests.Library.Import;

public class MetadataTests
{
    private const string Notice =
        "县政府办公室文件\n" +
        "X政办发〔2025〕12号\n" +
        "关于印发《全县政务信息工作考核办法》的通知\n" +
        "各乡镇人民政府，县政府各部门：\n" +
        "《全县政务信息工作考核办法》已经县政府同意，现印发给你们，请认真贯彻执行。执行中如遇问题，请及时向县政府办公室反映。按照国发〔2024〕23号文件要求，各单位要做好衔接。\n" +
        "县人民政府办公室\n" +
        "2025年3月18日\n";

    [Fact]
    public void OfficialNotice_YieldsNumberTypeDateAndUnit()
    {
        var doc = Assert.Single(DocumentParser.Parse(Notice, joinWrapped: true));
        Assert.Equal("关于印发《全县政务信息工作考核办法》的通知", doc.Title);
        Assert.Equal("X政办发〔2025〕12号", doc.DocNumber);
        Assert.Equal("通知", doc.DocType);
        Assert.Equal(new DateOnly(2025, 3, 18), doc.DocDate);
        Assert.Equal("县人民政府办公室", doc.UnitName);
    }

    [Theory]
    [InlineData("县政府办公室关于2024年工作情况的报告", "报告")]
    [InlineData("关于申请追加防汛经费的请示", "请示")]
    [InlineData("关于同意设立便民服务中心的批复", "批复")]
    [InlineData("关于第三季度公文质量情况的通报", "通报")]
    [InlineData("关于加强机关作风建设的意见", "意见")]
    [InlineData("县长办公会议纪要", "纪要")]
    [InlineData("2024年度个人工作总结", "总结")]
    [InlineData("全县今冬明春火灾防控工作方案", "计划/方案")]
    [InlineData("政务信息简报", "简报")]
    [InlineData("在全县办公室工作会议上的讲话", "讲话")]
    [InlineData("关于商请支持数据共享的函", "函")]
    [InlineData("關於加強值班工作的通知", "通知")]
    public void TypeFromTitle(string title, string type) => Assert.Equal(type, MetadataExtractor.TypeFromTitle(title));

    [Fact]
    public void YearInTitle_AndCitedNumbers_AreNotTakenAsMetadata()
    {
        var doc = Assert.Single(DocumentParser.Parse("在2024年全县办公室工作会议上的讲话\n" + Fixtures.Speech +
            "按照X政办发〔2023〕41号文件要求，各单位要抓好落实。\n", joinWrapped: true));
        Assert.Null(doc.DocDate);
        Assert.Null(doc.DocNumber);
    }

    [Fact]
    public void SpeechDateUnderTheTitle_IsTheDocumentDate()
    {
        var doc = Assert.Single(DocumentParser.Parse("在全县办公室工作会议上的讲话\n（2024年9月18日）\n" + Fixtures.Speech, joinWrapped: true));
        Assert.Equal(new DateOnly(2024, 9, 18), doc.DocDate);
        Assert.Equal("讲话", doc.DocType);
    }

    [Fact]
    public void TemplateSuffixes_AreDroppedFromTitles()
    {
        Assert.Equal("在全市办公室工作会上的讲话", MetadataExtractor.StripTemplateSuffix("在全市办公室工作会上的讲话范文"));
        Assert.Equal("会议上的讲话", MetadataExtractor.StripTemplateSuffix("会议上的讲话（五篇）"));
    }
}
