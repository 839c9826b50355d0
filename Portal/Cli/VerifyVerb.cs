using Portal.Data;

namespace Portal.Cli;

/// <summary>Runs every registered <see cref="IVerifyCheck"/> and reports each problem; exit 1 when any is found.</summary>
public sealed class VerifyVerb : ICliVerb
{
    public string Name => "verify";
    public string Summary => "检查数据库一致性（完整性、外键、文档与索引是否一致等）";
    public string Usage => "verify";

    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        if (args.Length > 0) return ctx.UsageError(this, $"verify 不接受参数：{string.Join(' ', args)}");
        using var scope = ctx.Services.CreateScope();
        var problems = await VerifyChecks.RunAllAsync(scope.ServiceProvider, ctx.Out);
        ctx.Out.WriteLine(problems == 0 ? "检查通过。" : $"发现 {problems} 个问题。");
        return problems == 0 ? CliExit.Ok : CliExit.Failure;
    }
}
