using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Demo;

/// <summary>One feature's share of the demo content. Each seeder runs once, on an empty database.</summary>
public interface IDemoSeeder
{
    /// <summary>Seeders run in ascending order (units and users first, then the modules that refer to them).</summary>
    int Order { get; }
    Task SeedAsync(PortalDbContext db, CancellationToken ct);
}

public static class DemoDataRegistration
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<IDemoSeeder, DemoUnitsAndUsers>();
        services.AddScoped<IDemoSeeder, DemoDocumentsSeeder>();
        return services;
    }
}

/// <summary>
/// Fills an empty database with demo content written by us. "Empty" means: no units yet, so starting
/// twice, or running <c>seed-demo</c> twice, never duplicates anything.
/// </summary>
public sealed class DemoDataSeeder(PortalDbContext db, IEnumerable<IDemoSeeder> seeders, PortalConnection connection, ILogger<DemoDataSeeder> log)
{
    /// <returns>true when demo data was added, false when the database already held data.</returns>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        // Two instances starting together on an empty database: one seeds, the other waits here and then finds units.
        await using var seeding = await SeedLock.AcquireAsync(connection, ct);
        if (await db.Units.AnyAsync(ct))
        {
            log.LogInformation("Demo data: the database already has units; nothing added.");
            return false;
        }
        foreach (var seeder in seeders.OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(db, ct);
            db.ChangeTracker.Clear();
        }
        log.LogInformation("Demo data added.");
        return true;
    }
}
