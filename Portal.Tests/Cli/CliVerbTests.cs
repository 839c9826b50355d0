using Microsoft.Data.Sqlite;
using Portal.Cli;

namespace Portal.Tests.Cli;

[Trait("Provider", "SqliteOnly")]
public class CliVerbTests
{
    public static IEnumerable<object[]> VerbNames() => CliRunner.Verbs.Select(v => new object[] { v.Name });

    [Theory]
    [MemberData(nameof(VerbNames))]
    public async Task EveryVerb_Returns2_WithAMessage_OnAnUnknownOption(string verb)
    {
        var err = new StringWriter();
        var code = await CliRunner.RunAsync(new[] { verb, "--no-such-option-xyz" }, new StringReader(""), new StringWriter(), err);
        Assert.Equal(CliExit.Usage, code);
        Assert.Contains("错误", err.ToString());
    }

    [Fact]
    public async Task UnknownVerb_Returns2_AndListsTheVerbs()
    {
        var err = new StringWriter();
        Assert.Equal(2, await CliRunner.RunAsync(new[] { "frobnicate" }, new StringReader(""), new StringWriter(), err));
        Assert.Contains("未知命令", err.ToString());
        Assert.Contains("backup", err.ToString());
    }

    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        var output = new StringWriter();
        Assert.Equal(0, await CliRunner.RunAsync(new[] { "--help" }, new StringReader(""), output, new StringWriter()));
        foreach (var v in CliRunner.Verbs) Assert.Contains(v.Name, output.ToString());
    }

    [Fact]
    public async Task Backup_WithoutAFile_Returns2()
    {
        var err = new StringWriter();
        Assert.Equal(2, await CliRunner.RunAsync(new[] { "backup" }, new StringReader(""), new StringWriter(), err));
        Assert.Contains("用法", err.ToString());
    }

    [Fact]
    public void IsVerb_LeavesServerOptionsToTheWebServer()
    {
        Assert.False(CliRunner.IsVerb(Array.Empty<string>()));
        Assert.False(CliRunner.IsVerb(new[] { "--urls", "http://127.0.0.1:5000" }));
        Assert.True(CliRunner.IsVerb(new[] { "verify" }));
        Assert.True(CliRunner.IsVerb(new[] { "--help" }));
    }
}

/// <summary>The verbs run as the real executable would: a separate process, configuration from the environment.</summary>
[Trait("Provider", "SqliteOnly")]
public class CliProcessTests : IDisposable
{
    private readonly CliTestHost _host = new();

    [Fact]
    public async Task SeedDemo_Twice_AddsNothingTheSecondTime_AndVerifyPasses()
    {
        var first = await _host.RunAsync(null, "seed-demo");
        Assert.True(first.ExitCode == 0, first.Err + first.Out);
        Assert.Contains("已写入演示数据", first.Out);
        var counts = Counts();
        Assert.True(counts.Documents >= 200);

        var second = await _host.RunAsync(null, "seed-demo");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("未写入", second.Out);
        Assert.Equal(counts, Counts());

        var verify = await _host.RunAsync(null, "verify");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        Assert.Contains("检查通过", verify.Out);
    }

    [Fact]
    public async Task Verify_ReportsABrokenDatabase_WithExitCode1()
    {
        Assert.Equal(0, (await _host.RunAsync(null, "seed-demo")).ExitCode);
        using (var c = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // A liaison detached from its unit and a document without its content fingerprint.
            cmd.CommandText = "UPDATE AspNetUsers SET UnitId = NULL WHERE UserName = 'demo.liaison'; UPDATE Documents SET ContentHash = '' WHERE Id = 1;";
            cmd.ExecuteNonQuery();
        }
        var verify = await _host.RunAsync(null, "verify");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("demo.liaison", verify.Out);
        Assert.Contains("内容指纹", verify.Out);
    }

    [Fact]
    public async Task Verbs_NeverStartTheServer_OrSeed()
    {
        var verify = await _host.RunAsync(null, "verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.DoesNotContain("Now listening", verify.Out + verify.Err);
        Assert.Equal(0, Counts().Documents);
    }

    private (long Units, long Users, long Documents) Counts()
    {
        using var c = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False");
        c.Open();
        long Q(string sql) { using var cmd = c.CreateCommand(); cmd.CommandText = sql; return (long)cmd.ExecuteScalar()!; }
        return (Q("SELECT count(*) FROM Units"), Q("SELECT count(*) FROM AspNetUsers"), Q("SELECT count(*) FROM Documents"));
    }

    public void Dispose() => _host.Dispose();
}
