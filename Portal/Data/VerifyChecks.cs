using Microsoft.EntityFrameworkCore;
using Portal.Identity;

namespace Portal.Data;

/// <summary>One consistency check run by the <c>verify</c> verb; features add their own (the search index, say).</summary>
public interface IVerifyCheck
{
    string Name { get; }
    /// <returns>The problems found, each a sentence in Chinese; empty when all is well.</returns>
    Task<IReadOnlyList<string>> RunAsync();
}

public static class VerifyChecks
{
    /// <summary>Runs every registered check, one line each (✓, or ✗ per problem); returns how many problems were found.</summary>
    public static async Task<int> RunAllAsync(IServiceProvider services, TextWriter output)
    {
        var problems = 0;
        foreach (var check in services.GetServices<IVerifyCheck>())
        {
            var found = await check.RunAsync();
            foreach (var p in found) output.WriteLine($"  ✗ {check.Name}：{p}");
            if (found.Count == 0) output.WriteLine($"  ✓ {check.Name}");
            problems += found.Count;
        }
        return problems;
    }
}

/// <summary>
/// The database's own consistency. SQLite: its integrity and foreign-key checks. PostgreSQL keeps its constraints
/// itself, so there: the server answers, and no foreign key or check constraint is left unvalidated (NOT VALID).
/// Pending migrations are reported by <see cref="CoreDataCheck"/> on both.
/// </summary>
public sealed class DatabaseIntegrityCheck(PortalConnection connection) : IVerifyCheck
{
    public string Name => "数据库完整性";

    public Task<IReadOnlyList<string>> RunAsync()
    {
        var problems = new List<string>();
        using var c = connection.Open();
        if (connection.IsPostgres)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                SELECT conrelid::regclass::text, conname FROM pg_constraint
                WHERE NOT convalidated AND connamespace = 'public'::regnamespace
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read()) problems.Add($"表 {r.GetString(0)} 的约束 {r.GetString(1)} 未经验证");
            return Task.FromResult<IReadOnlyList<string>>(problems);
        }
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "PRAGMA integrity_check";
            using var r = cmd.ExecuteReader();
            while (r.Read())
                if (r.GetString(0) != "ok") problems.Add(r.GetString(0));
        }
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "PRAGMA foreign_key_check";
            using var r = cmd.ExecuteReader();
            while (r.Read()) problems.Add($"表 {r.GetString(0)} 第 {r.GetValue(1)} 行的外键指向不存在的 {r.GetString(2)} 记录");
        }
        return Task.FromResult<IReadOnlyList<string>>(problems);
    }
}

/// <summary>Rules of the model that the schema alone does not enforce.</summary>
public sealed class CoreDataCheck(PortalDbContext db) : IVerifyCheck
{
    public string Name => "基础数据";

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        var problems = new List<string>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0) problems.Add("有未应用的迁移：" + string.Join("、", pending));

        var liaisonRole = await db.Roles.Where(r => r.Name == Roles.Liaison).Select(r => r.Id).FirstOrDefaultAsync();
        var liaisonsWithoutUnit = await (from u in db.Users
                                         join ur in db.UserRoles on u.Id equals ur.UserId
                                         where ur.RoleId == liaisonRole && u.UnitId == null
                                         select u.UserName).ToListAsync();
        problems.AddRange(liaisonsWithoutUnit.Select(n => $"单位联络员 {n} 未绑定单位"));

        var noHash = await db.Documents.CountAsync(d => d.ContentHash == "");
        if (noHash > 0) problems.Add($"{noHash} 篇文档缺少内容指纹");
        return problems;
    }
}
