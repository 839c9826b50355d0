using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The portal in-process on a fresh database of its own (one per test class, via IClassFixture), with the demo data
/// seeded: units, the demo accounts, and a few dozen documents. The database is a SQLite file, or with
/// <c>PORTAL_TEST_PROVIDER=PostgreSQL</c> a fresh PostgreSQL database on the server of <c>PORTAL_TEST_POSTGRES</c>
/// (dropped on dispose). Tests that are SQLite-only by nature carry
/// <c>[Trait("Provider", "SqliteOnly")]</c>, tests that open PostgreSQL themselves <c>[Trait("Provider", "PostgresDirect")]</c>:
/// the PostgreSQL pass runs with <c>--filter "Provider!=SqliteOnly&amp;Provider!=PostgresDirect"</c> (see .ci/run).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-pass-2026";
    public const string ProviderVariable = "PORTAL_TEST_PROVIDER";

    /// <summary>The provider integration tests run on in this process.</summary>
    public static DatabaseProvider TestProvider =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSQL : DatabaseProvider.Sqlite;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    /// <summary>The SQLite file (SQLite runs only).</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");
    public DatabaseProvider Provider { get; } = TestProvider;
    /// <summary>This portal's search index directory.</summary>
    public string IndexPath => Path.Combine(DataDirectory, "search-index");
    private PostgresTestDatabase? _postgres;

    /// <summary>The portal's database, for tests that read it directly (either provider).</summary>
    public PortalConnection Connection => Provider == DatabaseProvider.PostgreSQL
        ? new PortalConnection((_postgres ??= new PostgresTestDatabase()).ConnectionString, DatabaseProvider.PostgreSQL)
        : new PortalConnection($"Data Source={DatabasePath};Pooling=False");

    /// <summary>Extra settings a test class wants (key → value), applied over the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", Provider == DatabaseProvider.PostgreSQL ? Connection.ConnectionString : $"Data Source={DatabasePath}");
        builder.UseSetting("Portal:Database:Provider", Provider.ToString());
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        // Each factory its own search index (on PostgreSQL the default is under the content root, which all tests share).
        builder.UseSetting("Search:IndexPath", IndexPath);
        builder.UseSetting("Portal:SeedDemoData", "true");
        builder.UseSetting("Portal:DemoDocumentCount", "60");
        builder.UseSetting("Portal:Admin:UserName", "admin");
        builder.UseSetting("Portal:Admin:Password", AdminPassword);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A client that does not follow redirects, so tests see the 302 to the sign-in page.</summary>
    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A new client signed in as <paramref name="userName"/> (a demo account unless a password is given).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string? password = null)
    {
        var client = CreatePlainClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password ?? global::Portal.Demo.DemoUnitsAndUsers.Password,
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a scoped service provider of the running portal.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public T Db<T>(Func<PortalDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>Takes the database away under the running portal (a lost disk, a dropped database).</summary>
    public void RemoveDatabase()
    {
        if (Provider == DatabaseProvider.PostgreSQL)
        {
            _postgres?.Dispose();
            return;
        }
        SqliteConnection.ClearAllPools();
        // The database file becomes a directory, which nothing can open. Removing the whole data directory raced with
        // the portal's own connections (the index follower reads every 250 ms), which re-created files in it meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" }) File.Delete(file);
                Directory.CreateDirectory(DatabasePath);
                // A connection opened before the replacement still reads the old file: none may be handed out again.
                SqliteConnection.ClearAllPools();
                return;
            }
            catch (IOException) when (attempt < 50) { Thread.Sleep(100); } // a connection opened meanwhile created the file again
        }
    }

    /// <summary>
    /// Stops and disposes the portal, then removes its data (<see cref="Dispose(bool)"/>, which the base calls at the end;
    /// the synchronous Dispose comes here too). An ObjectDisposedException while it shuts down is written out, not thrown:
    /// CI saw one in about one class fixture in a hundred in session 9 (on PostgreSQL mostly), its source not found yet;
    /// the full exception lands in the test log for the next look, and the data is removed all the same.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        try { await base.DisposeAsync(); }
        catch (ObjectDisposedException ex)
        {
            Console.Error.WriteLine($"PortalFactory: shutting down threw {ex}");
            RemoveData();
        }
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        RemoveData();
    }

    private void RemoveData()
    {
        SqliteConnection.ClearAllPools();
        _postgres?.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
