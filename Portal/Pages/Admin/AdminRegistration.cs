using Portal.Data;
using Portal.Indexing.Search;

namespace Portal.Pages.Admin;

public static class AdminRegistration
{
    /// <summary>系统管理: accounts, units, audit log, index maintenance, and the user dictionary the analyzer is built from.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<AdminBootstrapper>();
        services.AddScoped<AdminQueries>();
        services.AddScoped<Users.UserAdminService>();
        services.AddScoped<Units.UnitAdminService>();
        services.AddScoped<AuditLogService>();
        services.AddSingleton<IndexRebuilds>();
        // Documents and queries are analysed with the user dictionary the index was last rebuilt with (see UserDictionary).
        services.AddSingleton(sp => new TextAnalysis(UserDictionary.AnalyzerFor(
            UserDictionary.Parse(UserDictionary.IndexedSnapshot(sp.GetRequiredService<PortalConnection>())))));
        services.AddScoped<UserDictionaryService>();
        services.AddSingleton<UserDictionaryWatcher>();
        // The watcher reads the recorded dictionary as it starts: call AddAdministration after the database initializer
        // is registered (hosted services start in registration order).
        services.AddHostedService(sp => sp.GetRequiredService<UserDictionaryWatcher>());
        return services;
    }
}
