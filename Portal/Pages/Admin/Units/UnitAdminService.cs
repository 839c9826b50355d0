using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Search;
using Portal.Pages.Submissions;

namespace Portal.Pages.Admin.Units;

/// <summary>The unit form of 单位管理.</summary>
public record UnitInput
{
    [Required(ErrorMessage = "请输入单位名称。")][StringLength(100, ErrorMessage = "单位名称不能超过 100 个字。")] public string Name { get; set; } = "";
    [StringLength(50, ErrorMessage = "简称不能超过 50 个字。")] public string? ShortName { get; set; }
    public UnitKind Kind { get; set; } = UnitKind.CountyOffice;
    [Range(0, 99999, ErrorMessage = "序号应为 0 到 99999 之间的整数。")] public int SortOrder { get; set; }

    public static UnitInput From(Unit u) => new() { Name = u.Name, ShortName = u.ShortName, Kind = u.Kind, SortOrder = u.SortOrder };
}

/// <summary>The rules of a unit change, facts in and a Chinese message out (null: allowed).</summary>
public static class UnitRules
{
    /// <summary>Two units of one name could not be told apart in a ranking, an export or a search facet.</summary>
    public static string? UniqueName(string name, IEnumerable<string> otherNames) =>
        otherNames.Any(n => string.Equals(n.Trim(), name.Trim(), StringComparison.Ordinal)) ? $"已有名为“{name.Trim()}”的单位。" : null;

    public static readonly UnitKind[] Kinds = Enum.GetValues<UnitKind>();
}

/// <summary>
/// 单位管理: create, rename, reorder, set the category, disable. Pages, statistics and exports read the name through the
/// unit's id, so a rename shows at once; the search index keeps the name for its facet, so a rename records a search change for
/// each of that unit's documents and items in the same transaction (no reindex of the whole index).
/// </summary>
public sealed class UnitAdminService(PortalDbContext db, SearchChangeLog changes, AuditLog audit)
{
    public Task<Unit?> FindAsync(int id) => db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);

    public async Task<Unit> CreateAsync(UnitInput input)
    {
        await CheckNameAsync(input.Name, null);
        var unit = new Unit { Name = input.Name.Trim(), ShortName = Blank(input.ShortName), Kind = input.Kind, SortOrder = input.SortOrder, IsActive = true };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        audit.Add("新建单位", "Unit", unit.Id.ToString(), after: unit.Name);
        await db.SaveChangesAsync();
        return unit;
    }

    public async Task UpdateAsync(int id, UnitInput input)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id) ?? throw RuleException.NotFound("该单位不存在。");
        await CheckNameAsync(input.Name, id);
        var before = $"{unit.Name}，{unit.Kind.Display()}，序号 {unit.SortOrder}";
        var renamed = unit.Name != input.Name.Trim();
        (unit.Name, unit.ShortName, unit.Kind, unit.SortOrder) = (input.Name.Trim(), Blank(input.ShortName), input.Kind, input.SortOrder);
        await using var tx = await db.Database.BeginTransactionAsync();
        audit.Add(renamed ? "单位更名" : "修改单位", "Unit", id.ToString(), before, $"{unit.Name}，{unit.Kind.Display()}，序号 {unit.SortOrder}");
        await db.SaveChangesAsync();
        if (renamed) await ReindexUnitAsync(id);
        await tx.CommitAsync();
    }

    public async Task SetActiveAsync(int id, bool active)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id) ?? throw RuleException.NotFound("该单位不存在。");
        if (unit.IsActive == active) return;
        unit.IsActive = active;
        audit.Add(active ? "启用单位" : "停用单位", "Unit", id.ToString(), after: unit.Name);
        await db.SaveChangesAsync();
    }

    /// <summary>The index entries that carry the unit's name: its documents (as issuing unit) and its information items.</summary>
    private async Task ReindexUnitAsync(int id)
    {
        var docs = await db.Documents.Where(d => d.IssuingUnitId == id).Select(d => d.Id).ToListAsync();
        await changes.DocumentsChangedAsync(docs);
        var items = await db.Set<Submission>().Where(s => s.UnitId == id).Select(s => s.Id).ToListAsync();
        await changes.SubmissionsChangedAsync(items);
    }

    private async Task CheckNameAsync(string name, int? self)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) throw new RuleException("请输入单位名称。");
        var others = await db.Units.Where(u => u.Id != (self ?? 0) && u.Name == trimmed).Select(u => u.Name).ToListAsync();
        if (UnitRules.UniqueName(trimmed, others) is { } taken) throw new RuleException(taken);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
