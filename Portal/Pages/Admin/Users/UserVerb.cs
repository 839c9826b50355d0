using Portal.Cli;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Admin.Users;

/// <summary>
/// <c>user list | add | reset-password | unlock</c>: account work from the server's console, for the day the last
/// administrator is locked out or has forgotten the password. The same service and rules as 系统管理 › 用户管理.
/// </summary>
public sealed class UserVerb : ICliVerb
{
    public string Name => "user";
    public string Summary => "账户管理：list 列出账户；add 新建；reset-password 重置密码（输出一次性密码）；unlock 解除锁定";
    public string Usage => "user list | add NAME --role ROLE [--unit UNIT] [--name 姓名] | reset-password NAME | unlock NAME";

    public async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        if (args.Length == 0) return ctx.UsageError(this, "请给出子命令：list、add、reset-password 或 unlock。");
        var (sub, rest) = (args[0], args[1..]);
        if (rest.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--role" or "--unit" or "--name")) is { } unknown)
            return ctx.UsageError(this, $"未知选项：{unknown}");
        return sub switch
        {
            "list" when rest.Length == 0 => await RunWith(ctx, (s, _) => ListAsync(s, ctx)),
            "add" => Add(rest) is { } add ? await RunWith(ctx, (s, b) => AddAsync(s, b, add, ctx)) : ctx.UsageError(this, "add 需要用户名和 --role 角色（--unit、--name 可选）。"),
            "reset-password" when rest.Length == 1 && !rest[0].StartsWith('-') => await RunWith(ctx, (s, _) => ResetAsync(s, rest[0], ctx)),
            "unlock" when rest.Length == 1 && !rest[0].StartsWith('-') => await RunWith(ctx, (s, _) => UnlockAsync(s, rest[0], ctx)),
            "list" or "reset-password" or "unlock" => ctx.UsageError(this, $"{sub} 的参数不正确。"),
            _ => ctx.UsageError(this, $"未知子命令：{sub}"),
        };
    }

    private sealed record AddArgs(string UserName, string Role, string? Unit, string? DisplayName);

    private static AddArgs? Add(string[] rest)
    {
        string? name = null, role = null, unit = null, display = null;
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= rest.Length) return null;
                var value = rest[++i];
                switch (rest[i - 1])
                {
                    case "--role": role = value; break;
                    case "--unit": unit = value; break;
                    default: display = value; break;
                }
            }
            else if (name is null) name = rest[i];
            else return null;
        }
        return name is null || role is null ? null : new AddArgs(name, role, unit, display);
    }

    private static async Task<int> RunWith(CliContext ctx, Func<UserAdminService, AdminBootstrapper, Task<int>> work)
    {
        using var scope = ctx.Services.CreateScope();
        try
        {
            return await work(scope.ServiceProvider.GetRequiredService<UserAdminService>(), scope.ServiceProvider.GetRequiredService<AdminBootstrapper>());
        }
        catch (RuleException refused)
        {
            ctx.Err.WriteLine($"错误：{refused.Message}");
            return CliExit.Failure;
        }
    }

    private static async Task<int> ListAsync(UserAdminService service, CliContext ctx)
    {
        var all = new List<UserRow>();
        for (var page = 1; ; page++)
        {
            var rows = await service.ListAsync(new UserFilter(), new ListQuery(page, null, false));
            all.AddRange(rows.Items);
            if (all.Count >= rows.Total || rows.Page < page) break;
        }
        ctx.Out.WriteLine("用户名\t姓名\t角色\t单位\t状态\t最近登录");
        foreach (var u in all)
            ctx.Out.WriteLine($"{u.UserName}\t{u.DisplayName}\t{Roles.Display(u.Role)}\t{u.Unit ?? "—"}\t{u.StateText}\t{u.LastSignInText}");
        ctx.Out.WriteLine($"共 {all.Count} 个账户。");
        return CliExit.Ok;
    }

    private static async Task<int> AddAsync(UserAdminService service, AdminBootstrapper bootstrapper, AddArgs a, CliContext ctx)
    {
        await bootstrapper.EnsureRolesAsync();
        var role = Roles.All.FirstOrDefault(r => r.Equals(a.Role, StringComparison.OrdinalIgnoreCase) || Roles.Display(r) == a.Role);
        if (role is null) return Fail(ctx, $"未知角色“{a.Role}”，可用：{string.Join("、", Roles.All.Select(r => $"{r}（{Roles.Display(r)}）"))}。");
        int? unitId = null;
        if (a.Unit is not null)
        {
            var units = await service.OfferedUnitsAsync();
            var unit = units.FirstOrDefault(u => u.Name == a.Unit || u.ShortName == a.Unit || u.Id.ToString() == a.Unit);
            if (unit is null) return Fail(ctx, $"找不到启用的单位“{a.Unit}”（可给出单位名称或编号）。");
            unitId = unit.Id;
        }
        var created = await service.CreateAsync(new UserFields(a.UserName, a.DisplayName ?? a.UserName, role, unitId, null));
        ctx.Out.WriteLine($"已创建账户 {a.UserName}（{Roles.Display(role)}）。一次性密码：{created.OneTimePassword}");
        ctx.Out.WriteLine("首次登录时须修改密码。");
        return CliExit.Ok;
    }

    private static async Task<int> ResetAsync(UserAdminService service, string name, CliContext ctx)
    {
        if (await service.IdOfAsync(name) is not { } id) return Fail(ctx, $"找不到账户“{name}”。");
        var password = await service.ResetPasswordAsync(id);
        ctx.Out.WriteLine($"已重置 {name} 的密码并解除锁定。一次性密码：{password}");
        ctx.Out.WriteLine("下次登录时须修改密码。");
        return CliExit.Ok;
    }

    private static async Task<int> UnlockAsync(UserAdminService service, string name, CliContext ctx)
    {
        if (await service.IdOfAsync(name) is not { } id) return Fail(ctx, $"找不到账户“{name}”。");
        await service.UnlockAsync(id);
        ctx.Out.WriteLine($"已解除 {name} 的锁定。");
        return CliExit.Ok;
    }

    private static int Fail(CliContext ctx, string message)
    {
        ctx.Err.WriteLine($"错误：{message}");
        return CliExit.Failure;
    }
}
