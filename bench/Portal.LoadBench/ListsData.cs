using System.Diagnostics;
using Microsoft.Data.Sqlite;

/// <summary>
/// --lists: the demo data × --factor. The portal seeds the demo on a first start and stops; the rows of the lists are then
/// copied (factor − 1) times in the SQLite file, each copy with ids shifted past the originals (children follow their
/// parents), names that must stay unique suffixed; the portal's second start indexes the copies (search reconciliation).
/// </summary>
static class ListsData
{
    /// <summary>Tables copied, parents before children: (table, foreign key → parent table, text columns suffixed per copy).</summary>
    private static readonly (string Table, (string Column, string Parent)[] Keys, string[] Suffixed)[] Plan =
    [
        ("Submissions", [], ["Title"]),
        ("SubmissionAdoptions", [("SubmissionId", "Submissions")], []),
        ("SubmissionInstructions", [("SubmissionId", "Submissions")], []),
        ("SupervisionTasks", [], ["Title", "Code"]),
        ("SupervisionTaskUnits", [("TaskId", "SupervisionTasks")], []),
        ("SupervisionReports", [("TaskId", "SupervisionTasks")], []),
        ("SupervisionEvents", [("TaskId", "SupervisionTasks")], []),
        ("Documents", [("DuplicateOfId", "Documents")], ["Title", "ContentHash"]),
        ("DocumentGrants", [("DocumentId", "Documents")], []),
        ("AuditEntries", [], []),
    ];

    public static async Task SeedAsync(Options opts, Func<Process> start, Func<Process, Task> waitHealthy)
    {
        var sw = Stopwatch.StartNew();
        using (var first = start())
        {
            await waitHealthy(first);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        SqliteConnection.ClearAllPools();
        using var db = new SqliteConnection($"Data Source={Path.Combine(opts.Data, "portal.db")};Pooling=False");
        db.Open();
        var before = Plan.ToDictionary(p => p.Table, p => Scalar(db, $"SELECT COUNT(*) FROM \"{p.Table}\""));
        var maxId = Plan.Where(p => Columns(db, p.Table).Contains("Id")).ToDictionary(p => p.Table, p => Scalar(db, $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{p.Table}\""));
        using (var tx = db.BeginTransaction())
        {
            for (var k = 1; k < opts.Factor; k++)
                foreach (var (table, keys, suffixed) in Plan)
                {
                    var columns = Columns(db, table);
                    var values = columns.Select(c =>
                        c == "Id" ? $"\"Id\" + {k * maxId[table]}"
                        : keys.FirstOrDefault(f => f.Column == c) is { Parent: not null } fk ? $"\"{c}\" + {k * maxId[fk.Parent]}"
                        : suffixed.Contains(c) ? $"\"{c}\" || '（{k}）'"
                        : $"\"{c}\"");
                    var originals = maxId.TryGetValue(table, out var max) ? $"\"Id\" <= {max}" : $"\"{keys[0].Column}\" <= {maxId[keys[0].Parent]}";
                    Execute(db, tx, $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                                    $"SELECT {string.Join(", ", values)} FROM \"{table}\" WHERE {originals}");
                }
            // The demo writes almost no audit lines (it seeds rows directly); a portal in use writes one per item reported and
            // one per supervision step: those lines, as the services would have written them, for the copies too.
            Execute(db, tx, "INSERT INTO \"AuditEntries\" (\"At\", \"UserName\", \"Action\", \"Entity\", \"EntityId\", \"After\", \"ClientAddress\") " +
                            "SELECT \"CreatedAt\", \"SubmittedBy\", 'submission.create', 'Submission', CAST(\"Id\" AS TEXT), \"Title\", '10.0.0.' || (\"Id\" % 200) FROM \"Submissions\"");
            Execute(db, tx, "INSERT INTO \"AuditEntries\" (\"At\", \"UserName\", \"Action\", \"Entity\", \"EntityId\", \"After\", \"ClientAddress\") " +
                            "SELECT e.\"At\", 'demo.staff', 'supervision.report', 'SupervisionTask', CAST(e.\"TaskId\" AS TEXT), t.\"Title\", '10.0.1.' || (e.\"Id\" % 200) " +
                            "FROM \"SupervisionEvents\" e JOIN \"SupervisionTasks\" t ON t.\"Id\" = e.\"TaskId\"");
            tx.Commit();
        }
        Console.WriteLine($"demo data × {opts.Factor} in {sw.Elapsed.TotalSeconds:0} s (rows: demo → now):");
        foreach (var (table, _, _) in Plan) Console.WriteLine($"    {table}: {before[table]:N0} → {Scalar(db, $"SELECT COUNT(*) FROM \"{table}\""):N0}");
    }

    private static List<string> Columns(SqliteConnection db, string table)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static void Execute(SqliteConnection db, SqliteTransaction? tx, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
