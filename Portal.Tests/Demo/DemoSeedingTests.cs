using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Demo;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Demo;

public class DemoSeedingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void DemoData_HasUnitsOfEveryKind_AccountsForEveryRole_AndDocumentsOfSeveralTypes()
    {
        factory.CreatePlainClient(); // starts the portal, which seeds
        Assert.True(factory.Db(db => db.Units.Count()) >= 20);
        foreach (var kind in new[] { UnitKind.CountyOffice, UnitKind.CityDepartment, UnitKind.LiaisonOffice })
            Assert.True(factory.Db(db => db.Units.Any(u => u.Kind == kind)), kind.ToString());
        foreach (var role in Identity.Roles.All)
            Assert.True(factory.Db(db => db.UserRoles.Any(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role))), role);
        Assert.True(factory.Db(db => db.Documents.Select(d => d.DocType).Distinct().Count()) >= 8);
        Assert.True(factory.Db(db => db.Documents.Any(d => d.Visibility == DocumentVisibility.Restricted)));
    }

    [Fact]
    public async Task SeedingTwice_AddsNothingTheSecondTime()
    {
        factory.CreatePlainClient();
        var before = Counts();
        var added = await factory.WithScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync());
        Assert.False(added);
        Assert.Equal(before, Counts());
    }

    [Fact]
    public void Generator_IsDeterministic_AndWritesItsOwnText()
    {
        var units = DemoUnitsAndUsers.Units.Select((u, i) => new Unit { Id = i + 1, Name = u.Name, Kind = u.Kind }).ToList();
        var a = new DemoDocumentGenerator(7).Generate(units, 240);
        var b = new DemoDocumentGenerator(7).Generate(units, 240);
        Assert.Equal(a.Select(d => d.Title + d.Body), b.Select(d => d.Title + d.Body));
        Assert.Equal(240, a.Count);
        Assert.All(a, d => Assert.False(string.IsNullOrWhiteSpace(d.Body)));
        Assert.True(a.Select(d => d.Title).Distinct().Count() > 150);
    }

    private (int, int, int) Counts() => factory.Db(db => (db.Units.Count(), db.Users.Count(), db.Documents.Count()));
}

/// <summary>The portal on an empty database, not seeded at start.</summary>
public sealed class UnseededPortalFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:SeedDemoData"] = "false" };
}

public class ConcurrentSeedingTests(UnseededPortalFactory factory) : IClassFixture<UnseededPortalFactory>
{
    /// <summary>Two instances starting together on an empty database (two seeders at once, each its own connections): seeded once.</summary>
    [Fact]
    public async Task TwoSeedersAtOnce_SeedOnce()
    {
        factory.CreatePlainClient(); // migrated, administrator created, no demo data
        Assert.Equal(0, factory.Db(db => db.Units.Count()));
        var seeding = Enumerable.Range(0, 2).Select(_ => Task.Run(() => factory.WithScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync()))).ToList();
        var added = await Task.WhenAll(seeding);
        Assert.Equal(1, added.Count(a => a));
        Assert.Equal(DemoUnitsAndUsers.Units.Length, factory.Db(db => db.Units.Count()));
    }
}
