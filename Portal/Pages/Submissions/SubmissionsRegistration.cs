using Portal.Data;
using Portal.Demo;

namespace Portal.Pages.Submissions;

public static class SubmissionsRegistration
{
    /// <summary>Information submissions (信息报送): workflow, scoring, statistics, Excel ledger, demo data.</summary>
    public static IServiceCollection AddSubmissions(this IServiceCollection services)
    {
        services.AddOptions<SubmissionOptions>().BindConfiguration(SubmissionOptions.Section);
        services.AddScoped<SubmissionService>();
        services.AddScoped<ScoringService>();
        services.AddScoped<SubmissionReports>();
        services.AddScoped<SubmissionLedger>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<IDemoSeeder, DemoSubmissionsSeeder>();
        services.AddScoped<IVerifyCheck, SubmissionsVerifyCheck>();
        return services;
    }
}
