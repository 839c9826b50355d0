using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Identity;

namespace Portal.Demo;

/// <summary>Demo units of every kind and one demo account per role (listed in the README).</summary>
public sealed class DemoUnitsAndUsers(UserManager<PortalUser> users) : IDemoSeeder
{
    public const string Password = "demo2026portal";

    public int Order => 0;

    public static readonly (string Name, UnitKind Kind)[] Units =
    {
        ("城关区政府办公室", UnitKind.CountyOffice), ("滨江区政府办公室", UnitKind.CountyOffice),
        ("高新区管委会办公室", UnitKind.CountyOffice), ("东山县政府办公室", UnitKind.CountyOffice),
        ("西河县政府办公室", UnitKind.CountyOffice), ("南岭县政府办公室", UnitKind.CountyOffice),
        ("北原县政府办公室", UnitKind.CountyOffice), ("清水县政府办公室", UnitKind.CountyOffice),
        ("市发展和改革委员会", UnitKind.CityDepartment), ("市教育局", UnitKind.CityDepartment),
        ("市财政局", UnitKind.CityDepartment), ("市自然资源和规划局", UnitKind.CityDepartment),
        ("市住房和城乡建设局", UnitKind.CityDepartment), ("市交通运输局", UnitKind.CityDepartment),
        ("市农业农村局", UnitKind.CityDepartment), ("市商务局", UnitKind.CityDepartment),
        ("市卫生健康委员会", UnitKind.CityDepartment), ("市应急管理局", UnitKind.CityDepartment),
        ("市市场监督管理局", UnitKind.CityDepartment), ("市生态环境局", UnitKind.CityDepartment),
        ("市政府驻北京联络处", UnitKind.LiaisonOffice), ("市政府驻上海办事处", UnitKind.LiaisonOffice),
        ("市政府驻深圳办事处", UnitKind.LiaisonOffice), ("城关街道办事处", UnitKind.TownshipOffice),
    };

    /// <summary>Demo accounts: (user name, display name, role, index of the unit for liaisons).</summary>
    public static readonly (string UserName, string DisplayName, string Role, int? Unit)[] Accounts =
    {
        ("demo.admin", "王管理", Roles.Admin, null),
        ("demo.staff", "李文秘", Roles.Staff, null),
        ("demo.leader", "赵秘书长", Roles.Leader, null),
        ("demo.liaison", "陈联络", Roles.Liaison, 0),
        ("demo.liaison2", "周联络", Roles.Liaison, 1),
    };

    public async Task SeedAsync(PortalDbContext db, CancellationToken ct)
    {
        var order = 0;
        var units = Units.Select(u => new Unit
        {
            Name = u.Name, Kind = u.Kind, SortOrder = ++order * 10, IsActive = true,
            ShortName = u.Name.Replace("政府办公室", "").Replace("管委会办公室", ""),
        }).ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync(ct);

        foreach (var a in Accounts)
            await CreateAsync(a.UserName, a.DisplayName, a.Role, a.Unit is int i ? units[i].Id : null);

        // One liaison for every other unit as well, so that every unit can submit and report.
        for (var i = 2; i < units.Count; i++)
            await CreateAsync($"liaison{i + 1:00}", units[i].ShortName + "联络员", Roles.Liaison, units[i].Id);
    }

    private async Task CreateAsync(string userName, string displayName, string role, int? unitId)
    {
        var user = new PortalUser { UserName = userName, DisplayName = displayName, UnitId = unitId };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"demo user {userName}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }
}
