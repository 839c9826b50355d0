using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Infrastructure;

/// <summary>
/// Before the web server takes requests: apply migrations, create the first administrator,
/// and (when <c>Portal:SeedDemoData</c> is on) fill an empty database with demo content once.
/// </summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<PortalOptions> options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await DatabaseSetup.MigrateAsync(db, ct);
        await scope.ServiceProvider.GetRequiredService<Pages.Admin.AdminBootstrapper>().EnsureAdministratorAsync(ct);
        if (options.Value.SeedDemoData)
            await scope.ServiceProvider.GetRequiredService<Demo.DemoDataSeeder>().SeedAsync(ct);
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
