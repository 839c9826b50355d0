namespace Portal.Cli;

/// <summary>A command-line verb of the portal executable (<c>Portal VERB …</c>).</summary>
public interface ICliVerb
{
    string Name { get; }
    /// <summary>One line for <c>--help</c>, in Chinese.</summary>
    string Summary { get; }
    /// <summary>The usage line, e.g. <c>backup FILE</c>.</summary>
    string Usage { get; }
    /// <returns>0 success, 1 failure, 2 usage error.</returns>
    Task<int> RunAsync(string[] args, CliContext context);
}

/// <summary>What a verb may use: the portal's services (built on first use, same configuration as the server) and the console.</summary>
public sealed class CliContext(Func<IServiceProvider> services, TextReader input, TextWriter output, TextWriter error)
{
    private readonly Lazy<IServiceProvider> _services = new(services);
    public IServiceProvider Services => _services.Value;
    public TextReader In { get; } = input;
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;

    public int UsageError(ICliVerb verb, string message)
    {
        Err.WriteLine($"错误：{message}");
        Err.WriteLine($"用法：Portal {verb.Usage}");
        return CliExit.Usage;
    }
}

public static class CliExit
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
