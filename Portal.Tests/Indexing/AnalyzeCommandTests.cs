using Portal.Cli;
using Portal.Indexing.Analysis;

namespace Portal.Tests.Indexing;

public class AnalyzeCommandTests
{
    private static (int Code, string Out, string Err) Run(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = AnalyzeCommand.Run(args, new StringReader(input), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Cut_WritesOneLinePerInputLine_SurfaceForms()
    {
        var (code, output, _) = Run("督查督辦工作\n\n參評率達92.3%\n", "--mode", "cut");
        Assert.Equal(0, code);
        Assert.Equal(["督查督辦 工作", "", "參評率 達 92.3%"], output.Split('\n')[..3].Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Search_And_Bigram_WriteNormalisedForms()
    {
        Assert.Equal("督查 督办 督查督办 工作", Run("督查督辦工作", "--mode", "search").Out.Trim());
        Assert.Equal("督查 查督 督办 办工 工作", Run("督查督辦工作", "--mode", "bigram").Out.Trim());
    }

    [Fact]
    public void NoDomainDict_UsesJiebaAlone() =>
        Assert.Equal("督查 督办 工作", Run("督查督辦工作", "--mode", "cut", "--no-domain-dict").Out.Trim().Replace("督辦", "督办"));

    [Theory]
    [InlineData]
    [InlineData("--mode")]
    [InlineData("--mode", "words")]
    [InlineData("--mode", "cut", "--verbose")]
    public void UsageErrors_Return2_WithAChineseMessage(params string[] args)
    {
        var (code, output, error) = Run("文本", args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("错误：", error);
        Assert.Contains("用法：", error);
    }

    [Fact]
    public async Task PortalCli_AnalyzeVerb_RunsWithoutADatabase()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliRunner.RunAsync(["analyze", "--mode", "cut"], new StringReader("限时办结\n"), output, error);
        Assert.Equal(0, code);
        Assert.Equal("限时办结", output.ToString().Trim());
        Assert.Contains(CliRunner.Verbs, v => v is AnalyzeVerb);
    }
}
