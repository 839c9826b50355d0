namespace Portal.Infrastructure;

/// <summary>Settings under the <c>Portal</c> section of the configuration.</summary>
public class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The office's name, on the sign-in page and at the head of every printed page (statistics, evaluation, dashboard, 领导简报).</summary>
    public string OfficeName { get; set; } = "市人民政府办公室";

    /// <summary>Fill an empty database once with demo content (true for <c>dotnet run</c>, false in production).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Where the SQLite database, uploads and backups live, relative to the content root unless absolute.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>How many demo documents to generate (at least 200 for the demo; tests may ask for fewer).</summary>
    public int DemoDocumentCount { get; set; } = 240;

    public AdminOptions Admin { get; set; } = new();

    /// <summary>A notice on the sign-in page (e.g. 本系统为非涉密系统，严禁处理、存储涉密信息).</summary>
    public string? SignInNotice { get; set; }

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

/// <summary>
/// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses, and networks in CIDR form
/// such as 10.0.0.0/24). Empty by default: a header from anyone else is ignored, so nobody can pose as another address
/// or as https by sending the header themselves.
/// </summary>
public class ForwardedHeadersSettings
{
    public List<string> KnownProxies { get; set; } = new();
    public List<string> KnownNetworks { get; set; } = new();
}

public class AdminOptions
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>
    /// Active accounts not signed in for this many days (or never) are listed on 系统管理 for review: an office checks
    /// its unused accounts and disables those of people who have left (等级保护 asks for it).
    /// </summary>
    public int DormantDays { get; set; } = 90;
}
