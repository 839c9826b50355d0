using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Cli;

/// <summary>Finds the verb in the arguments and runs it on the portal's services, without starting the web server.</summary>
public static class CliRunner
{
    /// <summary>Every verb of the executable; a feature adds its verbs here.</summary>
    public static IReadOnlyList<ICliVerb> Verbs { get; } = new ICliVerb[]
    {
        new SeedDemoVerb(),
        new BackupVerb(),
        new VerifyVerb(),
        new MigrateToVerb(),
        new ImportVerb(),
        new AnalyzeVerb(),
        new Pages.Search.ReindexVerb(),
        new Pages.Search.SearchVerb(),
        new Pages.Admin.Users.UserVerb(),
    };

    private static readonly string[] HelpWords = { "--help", "-h", "help", "/?" };

    /// <summary>True when the arguments name a verb (or ask for help); options such as <c>--urls</c> start the server.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && (HelpWords.Contains(args[0]) || !args[0].StartsWith('-'));

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.In, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || HelpWords.Contains(args[0]))
        {
            WriteHelp(output);
            return CliExit.Ok;
        }
        var verb = Verbs.FirstOrDefault(v => v.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        if (verb is null)
        {
            error.WriteLine($"错误：未知命令“{args[0]}”。");
            WriteHelp(error);
            return CliExit.Usage;
        }
        var rest = args[1..];
        if (rest.Any(a => HelpWords.Contains(a)))
        {
            output.WriteLine($"用法：Portal {verb.Usage}");
            output.WriteLine(verb.Summary);
            return CliExit.Ok;
        }
        ServiceProvider? built = null;
        var context = new CliContext(() => built = BuildServices(), input, output, error);
        try
        {
            return await verb.RunAsync(rest, context);
        }
        catch (Exception ex)
        {
            error.WriteLine($"错误：{verb.Name} 执行失败：{ex.Message}");
            return CliExit.Failure;
        }
        finally
        {
            if (built is not null) await built.DisposeAsync();
        }
    }

    private static void WriteHelp(TextWriter w)
    {
        w.WriteLine("政府办公室内网门户 —— 命令行");
        w.WriteLine("用法：Portal VERB [参数]      （开发时：dotnet run --project Portal -- VERB [参数]）");
        w.WriteLine("不带命令运行时启动网站。命令：");
        foreach (var v in Verbs)
            w.WriteLine($"  {v.Usage,-42} {v.Summary}");
        w.WriteLine("退出码：0 成功，1 失败，2 参数错误。");
    }

    /// <summary>
    /// The web server's services and configuration, with <paramref name="overrides"/> on top (e.g. another database);
    /// the database is not touched.
    /// </summary>
    public static ServiceProvider CreateServices(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // No command-line arguments reach the configuration: verb options are not settings.
        var builder = PortalWebApp.CreateBuilder(Array.Empty<string>());
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Log lines (the search index's progress among them) go to standard error: standard output is the verb's own
        // (search --json prints one JSON object per line).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return ((IServiceCollection)builder.Services).BuildServiceProvider();
    }

    /// <summary>The same services and configuration as the web server; the database is migrated, nothing is seeded.</summary>
    private static ServiceProvider BuildServices()
    {
        var services = CreateServices();
        using var scope = services.CreateScope();
        DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>()).GetAwaiter().GetResult();
        return services;
    }
}
