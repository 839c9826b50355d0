using Portal.Data;
using Portal.Pages.Library.Import;

namespace Portal.Pages.Library;

public static class LibraryServices
{
    /// <summary>The document library's import pipeline, upload store and upload progress.</summary>
    public static IServiceCollection AddLibrary(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<LibraryOptions>(config.GetSection(LibraryOptions.Section));
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadProgressTracker>();
        services.AddScoped<JsonlImporter>();
        services.AddScoped<ImportService>();
        services.AddScoped<NearDuplicateFinder>();
        services.AddScoped<UploadRecovery>();
        // A plain hosted service starts after every StartingAsync, so after the database is migrated.
        services.AddHostedService<UploadRecoveryService>();
        services.AddScoped<IVerifyCheck, LibraryVerifyCheck>();
        return services;
    }
}
