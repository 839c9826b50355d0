using Npgsql;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database for one fixture, created on the server named by PORTAL_TEST_POSTGRES (a connection
/// string with the right to create databases; <c>scripts/pg-test-server</c> starts one) and dropped on dispose.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    public const string Variable = "PORTAL_TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public string Name { get; } = "portal_test_" + Guid.NewGuid().ToString("N")[..16];
    public string ConnectionString { get; }

    public PostgresTestDatabase()
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException($"{Variable} is not set: start a server with scripts/pg-test-server and export its connection string");
        Execute(server, $"CREATE DATABASE {Name} ENCODING 'UTF8' TEMPLATE template0");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try { Execute(ServerConnectionString!, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)"); }
        catch (NpgsqlException) { } // the server may already be gone at the end of a run
    }

    private static void Execute(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>
/// A test that needs PostgreSQL (<see cref="PostgresTestDatabase.Variable"/>). Skipped with the reason when no server
/// is configured — unless PORTAL_REQUIRE_POSTGRES=1 (set by .ci/run), when it must run.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.ServerConnectionString is null && Environment.GetEnvironmentVariable("PORTAL_REQUIRE_POSTGRES") != "1")
            Skip = $"{PostgresTestDatabase.Variable} not set (scripts/pg-test-server starts a server); .ci/run sets it";
    }
}
