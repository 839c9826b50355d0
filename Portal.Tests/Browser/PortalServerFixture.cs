using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>
/// The real portal executable on a loopback port (Kestrel, not the test server), with demo data on a fresh database,
/// and one headless Chromium driven by Playwright. Shared by the browser tests of a collection.
/// </summary>
public sealed class PortalServerFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-browser", Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;
    private PortalProcess? _server;
    private PostgresTestDatabase? _postgres;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath)) return; // the tests are skipped
        // The data directory does not exist yet: the portal must create it, as on a fresh machine.
        var settings = new Dictionary<string, string>
        {
            ["Portal__SeedDemoData"] = "true",
            ["Portal__DemoDocumentCount"] = "80",
            ["Portal__Admin__Password"] = "browser-admin-2026",
            // Small bulk batches, so that an upload's processing reports its progress several times.
            ["Portal__Library__BulkBatchSize"] = "100",
        };
        if (PortalFactory.TestProvider == global::Portal.Data.DatabaseProvider.PostgreSQL)
            PortalProcess.UsePostgres(settings, (_postgres = new PostgresTestDatabase()).ConnectionString);
        (_server, BaseUrl) = await PortalProcess.StartServerAsync(DataDirectory, settings, TimeSpan.FromMinutes(3));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run" },
        });
    }

    public string ServerLog => _server is null ? "" : _server.Output + _server.Error;

    /// <summary>A fresh browser context (its own cookies) with a page; the page fails on any request that leaves the machine.</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new() { Width = 1366, Height = 768 } });
        // Generous timeouts: CI machines have 2 cores and the portal may still be warming up.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme.StartsWith("http") && uri.Host != "127.0.0.1")
                ExternalRequests.Add(request.Url);
        };
        return page;
    }

    /// <summary>Any request a page made to a host other than the portal (there must be none: intranets are offline).</summary>
    public List<string> ExternalRequests { get; } = new();

    public async Task SignInAsync(IPage page, string user, string password = "demo2026portal")
    {
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button[type=submit]");
        // The menu is shown only to a signed-in user. Waiting for it (a selector wait survives the redirect) rather than for
        // the URL's load events: WaitForURL once waited 90 s for a DOMContentLoaded the page had already passed.
        await page.WaitForSelectorAsync("#main-menu", new() { State = WaitForSelectorState.Attached });
        Assert.DoesNotContain("/Account/Login", page.Url);
    }

    /// <summary>Answers the portal's in-page confirmation dialog (data-confirm, forms.js): 确定 when <paramref name="accept"/>, else 取消.</summary>
    public static async Task AnswerConfirmAsync(IPage page, bool accept = true)
    {
        var dialog = page.Locator("#confirm-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.ClickAsync(accept ? "#confirm-ok" : "#confirm-cancel");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>Runs a browser test; when it fails, saves a screenshot, the page's HTML and the server's log under TestResults/browser.</summary>
    public async Task RunAsync(string name, Func<IPage, Task> test, string locale = "zh-CN")
    {
        var page = await NewPageAsync(locale);
        try
        {
            await test(page);
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, name + ".server.log"), ServerLog);
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
                await File.WriteAllTextAsync(Path.Combine(dir, name + ".html"), await page.ContentAsync());
            }
            catch (PlaywrightException) { }
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        _server?.Dispose();
        _postgres?.Dispose();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PortalServerFixture>
{
    public const string Name = "browser";
}
