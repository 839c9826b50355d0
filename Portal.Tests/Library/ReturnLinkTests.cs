using Portal.Pages.Library;

namespace Portal.Tests.Library;

public class ReturnLinkTests
{
    [Theory]
    [InlineData("/Search", "返回检索结果")]
    [InlineData("/Search?q=%E7%9D%A3%E5%8A%9E&type=%E9%80%9A%E7%9F%A5&page=3", "返回检索结果")]
    [InlineData("/Library?type=%E8%AE%B2%E8%AF%9D&p=2", "返回文档库")]
    public void TheSearchAndLibraryLists_AreKept_WithTheirQuery(string back, string text)
    {
        var link = ReturnLink.Of(back);
        Assert.Equal(back, link.Url);
        Assert.Equal(text, link.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/Search")]
    [InlineData("//evil.example/Search")]
    [InlineData("/\\evil.example")]
    [InlineData("/Search\\..\\x")]
    [InlineData("/Search\n?q=1")]
    [InlineData("/SearchAnything")]
    [InlineData("/Library/Details/5")]
    [InlineData("/Admin/Users")]
    [InlineData("javascript:alert(1)")]
    public void AnythingElse_LeadsToTheLibrary(string? back)
    {
        Assert.Equal(ReturnLink.Library, ReturnLink.Of(back));
    }

    [Fact]
    public void AnOverlongAddress_LeadsToTheLibrary() =>
        Assert.Equal(ReturnLink.Library, ReturnLink.Of("/Search?q=" + new string('a', 3000)));
}
