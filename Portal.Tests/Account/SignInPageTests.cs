using Portal.Tests.Infrastructure;

namespace Portal.Tests.Account;

public sealed class OfficePortalFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:OfficeName"] = "汉阴县人民政府办公室",
        ["Portal:SignInNotice"] = "本系统为非涉密系统，严禁处理、存储涉密信息<b>",
        ["Portal:Admin:Password"] = "", // the first administrator gets a generated password
    };
}

public class SignInPageTests(OfficePortalFactory factory) : IClassFixture<OfficePortalFactory>
{
    [Fact]
    public async Task SignInPage_ShowsTheOfficeName_AndTheNotice_Encoded()
    {
        var page = await factory.CreatePlainClient().GetDocumentAsync("/Account/Login");
        Assert.Equal("汉阴县人民政府办公室", page.TextOf("#office-name"));
        Assert.Equal("本系统为非涉密系统，严禁处理、存储涉密信息<b>", page.TextOf("#sign-in-notice"));
        Assert.Null(page.QuerySelector("#sign-in-notice b"));
    }

    [Fact]
    public void GeneratedAdministratorPassword_MustBeChangedAtTheNextSignIn() =>
        Assert.True(factory.Db(db => db.Users.Single(u => u.UserName == "admin").MustChangePassword));

    [Fact]
    public async Task Header_ShowsTheRealName()
    {
        var home = await (await factory.SignInAsync("demo.liaison")).GetDocumentAsync("/");
        Assert.StartsWith("陈联络", home.TextOf("#who"));
    }
}
