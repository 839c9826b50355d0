using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Portal.Demo;
using Portal.Identity;

namespace Portal.Pages.Supervision;

/// <summary>Settings under the <c>Supervision</c> section.</summary>
public class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>Yellow warning from this many days before the deadline (the office's practice: 3).</summary>
    public int WarningDays { get; set; } = 3;

    /// <summary>Tie-breakers of the ranking, in order, after the rate chosen on the page (the office's practice: 办结率, 按期办结率, 交办数).</summary>
    public RankBy[] RankingKeys { get; set; } = SupervisionRates.DefaultKeys.ToArray();

    /// <summary>Largest attachment accepted with a progress report.</summary>
    public long MaxAttachmentBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Attachment types units send: office documents, OFD/PDF, scans and archives.</summary>
    public string[] AttachmentExtensions { get; set; } =
        { ".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".txt", ".jpg", ".jpeg", ".png", ".zip", ".rar" };

    /// <summary>Folder under the data directory for attachments (never under wwwroot-assets).</summary>
    public string AttachmentFolder { get; set; } = "attachments/supervision";
}

public static class SupervisionSetup
{
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddOptions<SupervisionOptions>().BindConfiguration(SupervisionOptions.Section);
        services.AddScoped<SupervisionService>();
        services.AddScoped<SupervisionStatisticsService>();
        services.AddScoped<SupervisionExcel>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<IDemoSeeder, SupervisionDemoSeeder>();
        services.AddScoped<Data.IVerifyCheck, SupervisionDataCheck>();
        return services;
    }

    /// <summary>
    /// The folder is for liaisons, staff and administrators, except the statistics, which leaders read as well
    /// (and liaisons do not: they would see other units' rates).
    /// </summary>
    public static void AuthorizeSupervision(this PageConventionCollection conventions)
    {
        conventions.AddFolderApplicationModelConvention("/Supervision", model =>
            model.EndpointMetadata.Add(new AuthorizeAttribute(model.ViewEnginePath switch
            {
                "/Supervision/Statistics" => Policies.Readers,
                // Leaders open the tasks their dashboard counts (read only: LeadersReadOnly on the pages).
                "/Supervision/Index" or "/Supervision/Task" or "/Supervision/Reminders" => Policies.WorkflowReaders,
                _ => Policies.Workflow,
            })));
    }
}
