using Microsoft.Data.Sqlite;

namespace Portal.Tests.Cli;

/// <summary>The <c>user</c> verbs as the real executable runs them, with their exit codes (0 done, 1 refused, 2 usage).</summary>
[Trait("Provider", "SqliteOnly")]
public class UserVerbTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public UserVerbTests() => _host.Settings["Portal__DemoDocumentCount"] = "20";

    [Fact]
    public async Task UserVerbs_AddListResetUnlock_WithExitCodes()
    {
        Assert.Equal(0, (await _host.RunAsync(null, "seed-demo")).ExitCode);

        var added = await _host.RunAsync(null, "user", "add", "li.ming", "--role", "Liaison", "--unit", "城关区政府办公室", "--name", "李明");
        Assert.True(added.ExitCode == 0, added.Err + added.Out);
        Assert.Matches("一次性密码：[A-Za-z0-9]{16}", added.Out);
        Assert.Equal((1L, 1L), Scalar2("SELECT MustChangePassword, UnitId IS NOT NULL FROM AspNetUsers WHERE UserName = 'li.ming'"));

        var noUnit = await _host.RunAsync(null, "user", "add", "wang.fang", "--role", "单位联络员");
        Assert.Equal(1, noUnit.ExitCode);
        Assert.Contains("单位联络员必须选择所属单位", noUnit.Err);
        var duplicate = await _host.RunAsync(null, "user", "add", "LI.MING", "--role", "Staff");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("已被使用", duplicate.Err);
        Assert.Equal(1, (await _host.RunAsync(null, "user", "add", "x.y", "--role", "Root")).ExitCode);
        Assert.Equal(2, (await _host.RunAsync(null, "user", "add", "--role", "Staff")).ExitCode);
        Assert.Equal(2, (await _host.RunAsync(null, "user", "frobnicate")).ExitCode);
        Assert.Equal(2, (await _host.RunAsync(null, "user", "unlock")).ExitCode);

        Exec("UPDATE AspNetUsers SET LockoutEnd = '2999-01-01 00:00:00+00:00', AccessFailedCount = 5, MustChangePassword = 0 WHERE UserName = 'admin'");
        var list = await _host.RunAsync(null, "user", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("li.ming\t李明\t单位联络员\t城关区政府办公室", list.Out);
        Assert.Contains("admin\t系统管理员\t系统管理员\t—\t已锁定\t从未登录", list.Out);
        Assert.Contains("用户名\t姓名\t角色\t单位\t状态\t最近登录", list.Out);

        var unlock = await _host.RunAsync(null, "user", "unlock", "ADMIN");
        Assert.True(unlock.ExitCode == 0, unlock.Err);
        Assert.Equal((0L, 0L), Scalar2("SELECT LockoutEnd IS NOT NULL, AccessFailedCount FROM AspNetUsers WHERE UserName = 'admin'"));

        var reset = await _host.RunAsync(null, "user", "reset-password", "admin");
        Assert.True(reset.ExitCode == 0, reset.Err);
        Assert.Matches("一次性密码：[A-Za-z0-9]{16}", reset.Out);
        Assert.Equal(1L, Scalar2("SELECT MustChangePassword, 0 FROM AspNetUsers WHERE UserName = 'admin'").Item1);
        Assert.Equal(1, (await _host.RunAsync(null, "user", "reset-password", "nobody")).ExitCode);
        Assert.Contains("重置密码", Text("SELECT group_concat(Action) FROM AuditEntries WHERE UserName IS NULL"));
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False");
        c.Open();
        return c;
    }

    private void Exec(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private (long, long) Scalar2(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }

    private string Text(string sql)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() as string ?? "";
    }

    public void Dispose() => _host.Dispose();
}
