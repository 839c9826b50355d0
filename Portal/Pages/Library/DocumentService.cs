using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library;

/// <summary>Reads and writes documents; every read is scoped to what the current user may see.</summary>
public sealed class DocumentService(PortalDbContext db, CurrentUser user, TimeProvider time, Search.SearchIndexer indexer)
{
    public const int PageSize = 20;

    public async Task<(List<Document> Items, int Total)> ListAsync(string? type, int page, CancellationToken ct = default)
    {
        var q = db.Documents.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrEmpty(type)) q = q.Where(d => d.DocType == type);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(d => d.DocDate).ThenByDescending(d => d.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)
            .Include(d => d.IssuingUnit)
            .ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The document, or null when it does not exist or the user may not see it (the page answers 404 either way).</summary>
    public Task<Document?> FindAsync(int id, CancellationToken ct = default) =>
        db.Documents.AsNoTracking().VisibleTo(user).Include(d => d.IssuingUnit).FirstOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>Adds documents in one transaction, stamping their times and content hashes.</summary>
    public async Task AddAsync(IEnumerable<Document> documents, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var added = new List<Document>();
        foreach (var d in documents)
        {
            d.CreatedAt = d.UpdatedAt = now;
            if (string.IsNullOrEmpty(d.ContentHash)) d.ContentHash = ContentHash(d.Title, d.Body);
            db.Documents.Add(d);
            added.Add(d);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await IndexAsync(added, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Changes a document (metadata or text) and re-indexes it in the same transaction.</summary>
    /// <returns>false when the document does not exist or the user may not see it.</returns>
    public async Task<bool> UpdateAsync(int id, Action<Document> edit, CancellationToken ct = default)
    {
        var doc = await db.Documents.VisibleTo(user).Include(d => d.Grants).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doc is null) return false;
        edit(doc);
        doc.UpdatedAt = time.GetUtcNow().UtcDateTime;
        doc.ContentHash = ContentHash(doc.Title, doc.Body);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await IndexAsync(new[] { doc }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Deletes a document and its index entry in one transaction.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        var doc = await db.Documents.VisibleTo(user).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (doc is null) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Documents.Remove(doc);
        await db.SaveChangesAsync(ct);
        await UnindexAsync(new[] { id }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    // The search index is written here, inside the document's own transaction, so that a saved document
    // is always searchable and a deleted one never is.
    private Task IndexAsync(IReadOnlyList<Document> docs, CancellationToken ct) => indexer.IndexAsync(docs, ct);
    private Task UnindexAsync(IReadOnlyList<int> ids, CancellationToken ct) => indexer.UnindexAsync(ids, ct);

    /// <summary>SHA-256 over the title and body with white space removed: the same text imported again is a duplicate.</summary>
    public static string ContentHash(string title, string body)
    {
        var sb = new StringBuilder(title.Length + body.Length);
        foreach (var ch in title + "\n" + body)
            if (!char.IsWhiteSpace(ch)) sb.Append(ch);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
