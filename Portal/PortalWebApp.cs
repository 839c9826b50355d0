using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using Portal.Data;
using Portal.Demo;
using Portal.Identity;
using Portal.Infrastructure;
using Portal.Pages.Admin;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Pages.Evaluation;
using Portal.Pages.Dashboard;
using Portal.Pages.Standing;

namespace Portal;

/// <summary>Composition of the web portal: services per feature, then the request pipeline.</summary>
public static class PortalWebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = CreateBuilder(args);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>The builder with every service registered; the CLI verbs use it too, without starting the server.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Static files come from wwwroot-assets copied beside the binaries (see Portal.csproj).
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets"),
        });
        AddPortalServices(builder.Services, builder.Configuration, builder.Environment);
        return builder;
    }

    public static void AddPortalServices(IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.Configure<PortalOptions>(config.GetSection(PortalOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddPortalDatabase(config, env);
        services.AddPortalIdentity();
        services.AddScoped<AuditLog>();
        services.AddScoped<CurrentUser>();
        services.AddProxySupport();
        services.AddScoped<PersonNames>();
        services.AddDemoData();
        services.AddScoped<Pages.Library.DocumentService>();
        Pages.Library.LibraryServices.AddLibrary(services, config);
        services.AddSubmissions();
        services.AddSupervision();
        services.AddEvaluation();
        services.AddDashboard();
        services.AddStanding();
        services.AddHostedService<DatabaseInitializer>();
        services.AddAdministration();
        Pages.Search.SearchRegistration.AddSearch(services);
        services.AddScoped<IVerifyCheck, DatabaseIntegrityCheck>();
        services.AddScoped<IVerifyCheck, CoreDataCheck>();

        services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            o.Conventions.AuthorizeFolder("/Dashboard", Policies.Readers);
            o.Conventions.AuthorizeFolder("/Evaluation", Policies.Readers);
            // 本单位统计: a liaison's own unit; others with a unit (none in practice) see theirs, without one a message.
            o.Conventions.AuthorizeFolder("/Standing", Policies.Workflow);
            // Liaisons, staff and admins work in submissions; the statistics are for those who read rankings (staff, leaders).
            o.Conventions.AddFolderApplicationModelConvention("/Submissions", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(
                m.ViewEnginePath switch
                {
                    "/Submissions/Statistics" => Policies.Readers,
                    // Leaders read the lists and items behind their dashboard (read only: LeadersReadOnly on the pages).
                    "/Submissions/Index" or "/Submissions/Details" => Policies.WorkflowReaders,
                    _ => Policies.Workflow,
                })));
            o.Conventions.AuthorizeSupervision();
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<UnhandledMethodFilter>();
            o.Filters.Add<RefusalFilter>();
            o.Filters.Add<PostedFormFilter>();
            ChineseValidationMessages.Apply(o);
        });
        services.AddAntiforgery(o => o.Cookie.Name = "portal.af");
        // Chinese text is written as it is, not as &#x…; entities (output is still HTML-encoded).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Sign-in cookies survive restarts. On PostgreSQL the keys are kept in the database, so that a cookie issued by
        // one instance is read by every other; on SQLite (one instance) in the data directory.
        services.AddDataProtection().SetApplicationName("Portal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = sp.GetRequiredService<PortalConnection>().IsPostgres
                ? new EntityFrameworkCoreXmlRepository<PortalDbContext>(sp, sp.GetRequiredService<ILoggerFactory>())
                : new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(DatabaseSetup.DataDirectory(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()), "keys")),
                    sp.GetRequiredService<ILoggerFactory>())));
    }

    public static void Configure(WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath),
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<MustChangePasswordMiddleware>();
        app.UseAuthorization();
        app.UseReadableForms();
        app.MapHealthz();
        app.MapRazorPages();
    }
}
