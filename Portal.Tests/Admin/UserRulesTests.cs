using Portal.Identity;
using Portal.Pages.Admin.Users;

namespace Portal.Tests.Admin;

public class UserRulesTests
{
    [Theory]
    [InlineData(true, false, 1, true)]   // the only active administrator disabled or demoted
    [InlineData(true, false, 2, false)]  // another administrator remains
    [InlineData(true, true, 1, false)]   // stays an active administrator
    [InlineData(false, false, 1, false)] // not an administrator
    public void LastAdministrator_CannotBeDisabledOrDemoted(bool isActiveAdmin, bool staysActiveAdmin, int activeAdmins, bool refused)
    {
        var message = UserRules.LastAdministrator(isActiveAdmin, staysActiveAdmin, activeAdmins);
        Assert.Equal(refused, message is not null);
        if (refused) Assert.Contains("最后一名系统管理员", message);
    }

    [Theory]
    [InlineData("Chen.Li", new[] { "chen.li" })]
    [InlineData("chen.li", new[] { "other", "CHEN.LI" })]
    public void UserNames_AreUnique_IgnoringCase(string name, string[] others) =>
        Assert.Contains("已被使用", UserRules.UniqueName(name, others));

    [Fact]
    public void AFreeUserName_Passes() => Assert.Null(UserRules.UniqueName("chen.li", ["chen.lin", "li.chen"]));

    [Fact]
    public void Liaison_WithoutUnit_IsRefused()
    {
        Assert.Equal(UserRules.LiaisonWithoutUnitMessage, UserRules.LiaisonUnit(Roles.Liaison, null));
        Assert.Null(UserRules.LiaisonUnit(Roles.Liaison, 3));
        Assert.Null(UserRules.LiaisonUnit(Roles.Staff, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Root")]
    public void UnknownRoles_AreRefused(string? role) => Assert.NotNull(UserRules.KnownRole(role));
}
