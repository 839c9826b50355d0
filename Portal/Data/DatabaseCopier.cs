using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Portal.Data;

/// <summary>
/// Copies every table of the portal's model from a SQLite database into an empty PostgreSQL database that already
/// has the schema (the same migrations). Values are read with the type the PostgreSQL column stores and written with
/// binary COPY, parents before children, all in one transaction: either every row arrives or none does.
/// The search engine's own tables are not in the model; the caller rebuilds the index afterwards.
/// </summary>
public static class DatabaseCopier
{
    public sealed record TableCount(string Table, long Source, long Target);

    /// <summary>The model's tables, each after the tables its foreign keys point to.</summary>
    public static IReadOnlyList<ITable> TablesInOrder(IModel model)
    {
        var tables = model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var placed = new HashSet<string>();
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(t => !placed.Contains(t.Name) && t.ForeignKeyConstraints
                .All(fk => fk.PrincipalTable.Name == t.Name || placed.Contains(fk.PrincipalTable.Name))).ToList();
            if (ready.Count == 0) throw new InvalidOperationException("外键存在环，无法确定复制顺序：" +
                string.Join("、", tables.Where(t => !placed.Contains(t.Name)).Select(t => t.Name)));
            foreach (var t in ready) { ordered.Add(t); placed.Add(t.Name); }
        }
        return ordered;
    }

    /// <summary>Tables of the target that already hold rows (the copy only goes into an empty database).</summary>
    public static async Task<List<(string Table, long Rows)>> NonEmptyTablesAsync(DbConnection connection, IModel model, CancellationToken ct)
    {
        var found = new List<(string, long)>();
        foreach (var t in TablesInOrder(model))
        {
            var n = await CountAsync(connection, null, t.Name, ct);
            if (n > 0) found.Add((t.Name, n));
        }
        return found;
    }

    /// <summary>Copies all rows; <paramref name="progress"/> gets (table, rows done, rows in table).</summary>
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(
        DbConnection source, NpgsqlConnection target, IModel targetModel, Action<string, long, long>? progress, CancellationToken ct)
    {
        var counts = new List<TableCount>();
        await using var tx = await target.BeginTransactionAsync(ct);
        foreach (var table in TablesInOrder(targetModel))
        {
            var total = await CountAsync(source, null, table.Name, ct);
            progress?.Invoke(table.Name, 0, total);
            await CopyTableAsync(source, target, table, total, progress, ct);
            await ResetIdentityAsync(target, tx, table, ct);
            counts.Add(new TableCount(table.Name, total, await CountAsync(target, tx, table.Name, ct)));
        }
        if (counts.Any(c => c.Source != c.Target))
            throw new InvalidOperationException("复制后行数不一致：" + string.Join("；", counts.Where(c => c.Source != c.Target)
                .Select(c => $"{c.Table} 源 {c.Source} 行、目标 {c.Target} 行")));
        await tx.CommitAsync(ct);
        return counts;
    }

    private static async Task CopyTableAsync(
        DbConnection source, NpgsqlConnection target, ITable table, long total, Action<string, long, long>? progress, CancellationToken ct)
    {
        var columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var key = table.PrimaryKey is { } pk ? string.Join(", ", pk.Columns.Select(c => Quote(c.Name))) : list;
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {list} FROM {Quote(table.Name)} ORDER BY {key}";
        await using var reader = await read.ExecuteReaderAsync(ct);
        var readers = columns.Select(c => ValueReader.For(c.ProviderClrType)).ToArray();
        var types = columns.Select(c => StoreTypeName(c.StoreType)).ToArray();

        await using var copy = await target.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({list}) FROM STDIN (FORMAT BINARY)", ct);
        long done = 0;
        while (await reader.ReadAsync(ct))
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (reader.IsDBNull(i)) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(readers[i](reader, i), types[i], ct);
            }
            if (++done % 5000 == 0) progress?.Invoke(table.Name, done, total);
        }
        await copy.CompleteAsync(ct);
        progress?.Invoke(table.Name, done, total);
    }

    /// <summary>Identity columns continue after the copied ids, so new rows do not collide with old ones.</summary>
    private static async Task ResetIdentityAsync(NpgsqlConnection target, DbTransaction tx, ITable table, CancellationToken ct)
    {
        if (table.PrimaryKey is not { Columns.Count: 1 } pk) return;
        var column = pk.Columns[0];
        if (column.ProviderClrType != typeof(int) && column.ProviderClrType != typeof(long)) return;
        await using var find = target.CreateCommand();
        find.Transaction = (NpgsqlTransaction)tx;
        find.CommandText = "SELECT pg_get_serial_sequence(@t, @c)";
        find.Parameters.AddWithValue("t", Quote(table.Name));
        find.Parameters.AddWithValue("c", column.Name);
        if (await find.ExecuteScalarAsync(ct) is not string sequence) return;
        await using var set = target.CreateCommand();
        set.Transaction = (NpgsqlTransaction)tx;
        set.CommandText = $"SELECT setval(@s, COALESCE(MAX({Quote(column.Name)}), 1), MAX({Quote(column.Name)}) IS NOT NULL) FROM {Quote(table.Name)}";
        set.Parameters.AddWithValue("s", sequence);
        await set.ExecuteScalarAsync(ct);
    }

    public static async Task<long> CountAsync(DbConnection c, DbTransaction? tx, string table, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>"character varying(260)" → "character varying": COPY names the type without its modifiers.</summary>
    private static string StoreTypeName(string storeType) => storeType.Split('(')[0].Trim();

    /// <summary>Reads a column as the CLR type the target stores (the SQLite reader converts its text dates, decimals…).</summary>
    private static class ValueReader
    {
        private static readonly ConcurrentDictionary<Type, Func<DbDataReader, int, object>> Cache = new();
        private static readonly MethodInfo Generic = typeof(ValueReader).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;

        public static Func<DbDataReader, int, object> For(Type type) => Cache.GetOrAdd(Nullable.GetUnderlyingType(type) ?? type,
            t => Generic.MakeGenericMethod(t).CreateDelegate<Func<DbDataReader, int, object>>());

        private static object Read<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;
    }
}
