namespace Portal.Tests.Browser;

/// <summary>
/// A browser test: it needs Debian's Chromium at /usr/bin/chromium. Without it the test is skipped with the reason,
/// so `dotnet test` passes on a bare machine — unless PORTAL_REQUIRE_BROWSER=1 (set by .ci/run), when it must run.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("PORTAL_REQUIRE_BROWSER") != "1")
            Skip = $"Chromium not found at {ChromiumPath} (apt-get install chromium fonts-noto-cjk); .ci/run installs it";
    }
}
