using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library;

/// <summary>Reads and writes documents; every read is scoped to what the current user may see.</summary>
public sealed class DocumentService(PortalDbContext db, CurrentUser user, TimeProvider time)
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
        foreach (var d in documents)
        {
            d.CreatedAt = d.UpdatedAt = now;
            if (string.IsNullOrEmpty(d.ContentHash)) d.ContentHash = ContentHash(d.Title, d.Body);
            db.Documents.Add(d);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>SHA-256 over the title and body with white space removed: the same text imported again is a duplicate.</summary>
    public static string ContentHash(string title, string body)
    {
        var sb = new StringBuilder(title.Length + body.Length);
        foreach (var ch in title + "\n" + body)
            if (!char.IsWhiteSpace(ch)) sb.Append(ch);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
