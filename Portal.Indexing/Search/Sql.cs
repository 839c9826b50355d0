using System.Data.Common;

namespace Portal.Indexing.Search;

/// <summary>The few ADO.NET helpers the engine's classes share.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params string[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var p in parameters) Add(cmd, p, null);
        return cmd;
    }

    public static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    public static void Set(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    public static void Execute(DbConnection c, DbTransaction? tx, string sql)
    {
        using var cmd = Command(c, tx, sql);
        cmd.ExecuteNonQuery();
    }

    public static object? Scalar(DbConnection c, DbTransaction? tx, string sql)
    {
        using var cmd = Command(c, tx, sql);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }
}
