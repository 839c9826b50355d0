using Portal.Demo;
using Portal.Pages.Admin;

namespace Portal.Cli;

public sealed class SeedDemoVerb : ICliVerb
{
    public string Name => "seed-demo";
    public string Summary => "向空数据库写入演示数据（已有数据时不重复写入）";
    public string Usage => "seed-demo";

    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        if (args.Length > 0) return ctx.UsageError(this, $"seed-demo 不接受参数：{string.Join(' ', args)}");
        using var scope = ctx.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAdministratorAsync();
        var added = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        ctx.Out.WriteLine(added ? "已写入演示数据。" : "数据库中已有数据，未写入演示数据。");
        return CliExit.Ok;
    }
}
