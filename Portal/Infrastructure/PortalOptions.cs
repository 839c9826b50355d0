namespace Portal.Infrastructure;

/// <summary>Settings under the <c>Portal</c> section of the configuration.</summary>
public class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Fill an empty database once with demo content (true for <c>dotnet run</c>, false in production).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Where the SQLite database, uploads and backups live, relative to the content root unless absolute.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>How many demo documents to generate (at least 200 for the demo; tests may ask for fewer).</summary>
    public int DemoDocumentCount { get; set; } = 240;

    public AdminOptions Admin { get; set; } = new();

    /// <summary>The office's name on the sign-in page (e.g. XX市人民政府办公室).</summary>
    public string? OfficeName { get; set; }

    /// <summary>A notice on the sign-in page (e.g. 本系统为非涉密系统，严禁处理、存储涉密信息).</summary>
    public string? SignInNotice { get; set; }
}

public class AdminOptions
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
