using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Pages.Search;

namespace Portal.Pages.Library;

/// <summary>
/// The library's entries in the search index: every document except pieces marked as near-duplicates of another (they
/// would show twice), readable by everyone when public, otherwise by the units and roles granted.
/// </summary>
public sealed class DocumentSearchSource(PortalDbContext db) : ISearchSource
{
    public string Name => SearchChange.DocumentSource;

    public async Task<IReadOnlyList<IndexDocument>> LoadAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        // One parameter holding the list (see DocumentService.ExistingHashesAsync).
        var rows = await db.Documents.AsNoTracking()
            .Where(d => EF.Parameter(ids).Contains(d.Id) && d.DuplicateOfId == null)
            .Select(d => new
            {
                d.Id, d.Title, d.Body, d.DocType, d.DocDate, d.Visibility, d.SourceFileName, d.Part,
                Unit = d.IssuingUnit != null ? d.IssuingUnit.Name : d.IssuingUnitName,
                Grants = d.Grants.Select(g => new { g.UnitId, g.Role }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.Select(d => new IndexDocument(new IndexKey(Name, d.Id), d.Title, d.Body, d.DocType, d.Unit, d.DocDate,
                AccessOf(d.Visibility, d.Grants.Select(g => (g.UnitId, g.Role))), SourceFile: d.SourceFileName, Part: d.Part))
            .ToList();
    }

    public async IAsyncEnumerable<int> IdsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var id in db.Documents.AsNoTracking().Where(d => d.DuplicateOfId == null).OrderBy(d => d.Id).Select(d => d.Id)
                           .AsAsyncEnumerable().WithCancellation(ct))
            yield return id;
    }

    public string Url(int id, string? q = null, string? back = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(q)) query.Add("q=" + Uri.EscapeDataString(q));
        if (!string.IsNullOrEmpty(back)) query.Add("back=" + Uri.EscapeDataString(back));
        return $"/Library/Details/{id}" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    /// <summary>Null (public) or the grants as access keys (<see cref="SearchAccess.UnitKey"/>, <see cref="SearchAccess.RoleKey"/>).</summary>
    public static IReadOnlyList<string>? AccessOf(DocumentVisibility visibility, IEnumerable<(int? UnitId, string? Role)> grants) =>
        visibility == DocumentVisibility.Public
            ? null
            : grants.Select(g => g.UnitId is int u ? SearchAccess.UnitKey(u) : g.Role is { } r ? SearchAccess.RoleKey(r) : null)
                .Where(k => k is not null).Select(k => k!).Distinct().ToList();
}
