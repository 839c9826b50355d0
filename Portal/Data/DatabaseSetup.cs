using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Infrastructure;

namespace Portal.Data;

/// <summary>The database the portal runs on (<c>Portal:Database:Provider</c>).</summary>
public enum DatabaseProvider { Sqlite, PostgreSQL }

/// <summary>Section <c>Portal:Database</c>. The connection string stays <c>ConnectionStrings:Portal</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public static class DatabaseSetup
{
    /// <summary>
    /// The portal stores Shanghai local times as <see cref="DateTime"/> (Kind Unspecified, Local or Utc alike); on
    /// PostgreSQL they are kept as <c>timestamp without time zone</c>, as written, which is Npgsql's legacy timestamp
    /// behaviour. It is a process-wide switch read once when Npgsql first loads, hence a module initializer.
    /// <see cref="DateTimeOffset"/> (Identity's LockoutEnd) stays <c>timestamptz</c>.
    /// </summary>
    [ModuleInitializer]
    internal static void UseNpgsqlLocalTimestamps() => AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);

    /// <summary>
    /// Registers the portal's DbContext on SQLite (default) or PostgreSQL. The connection string is
    /// <c>ConnectionStrings:Portal</c> (so <c>ConnectionStrings__Portal</c> overrides it); on SQLite by default a file
    /// in the data directory, on PostgreSQL it must be given.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        // Resolved when first needed, from the final configuration (tests and the CLI override it late).
        services.AddSingleton(sp => Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider));
        // Features may watch the context's transactions (search follows the change rows written in them).
        services.AddDbContext<PortalDbContext>((sp, o) =>
            Configure(o, sp.GetRequiredService<PortalConnection>()).AddInterceptors(sp.GetServices<IInterceptor>()));
        return services;
    }

    /// <summary>The provider, connection and settings of the portal's DbContext (also used by tests and tools).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, PortalConnection connection)
    {
        if (connection.IsPostgres) o.UseNpgsql(connection.ConnectionString);
        else o.UseSqlite(connection.ConnectionString).AddInterceptors(SqlitePragmas.Instance);
        // Migrations are written by hand (the EF design package is not available); there is no model
        // snapshot, so this check cannot work. A test proves migrations and model build the same schema.
        return o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static PortalConnection Resolve(IConfiguration config, IHostEnvironment env, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var configured = config.GetConnectionString("Portal");
            if (string.IsNullOrWhiteSpace(configured))
                throw new InvalidOperationException(
                    "Portal:Database:Provider 为 PostgreSQL 时必须配置连接字符串 ConnectionStrings:Portal / " +
                    "ConnectionStrings:Portal must be set when Portal:Database:Provider is PostgreSQL");
            return new PortalConnection(new NpgsqlConnectionStringBuilder(configured).ConnectionString, provider);
        }
        return new PortalConnection(ResolveConnectionString(config, env));
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

    /// <summary>
    /// Uploads, attachments and (on SQLite) the database and Data Protection keys. Several instances of the portal
    /// (PostgreSQL) must share this directory, e.g. on a network file system: an upload received by one instance is
    /// imported and served by any of them.
    /// </summary>
    public static string DataDirectory(IConfiguration config, IHostEnvironment env)
    {
        var dir = config[$"{PortalOptions.Section}:DataDirectory"] ?? "App_Data";
        return Path.IsPathRooted(dir) ? dir : Path.Combine(env.ContentRootPath, dir);
    }

    /// <summary>Applies the migrations; on SQLite WAL is a property of the file, so it is set once here.</summary>
    public static async Task MigrateAsync(PortalDbContext db, CancellationToken ct = default)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite && Path.GetDirectoryName(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);
        await db.Database.MigrateAsync(ct);
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

/// <summary>
/// The resolved connection string and its provider, for code that talks to the database directly (search, verify,
/// health). Raw SQL written for both providers quotes mixed-case identifiers (<c>"Documents"</c>) and names its
/// parameters <c>@name</c>.
/// </summary>
public sealed record PortalConnection(string ConnectionString, DatabaseProvider Provider = DatabaseProvider.Sqlite)
{
    public bool IsPostgres => Provider == DatabaseProvider.PostgreSQL;
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>An open connection of the right provider (on SQLite with the portal's pragmas applied).</summary>
    public DbConnection Open()
    {
        if (IsPostgres)
        {
            var pg = new NpgsqlConnection(ConnectionString);
            pg.Open();
            return pg;
        }
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
