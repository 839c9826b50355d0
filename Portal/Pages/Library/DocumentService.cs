using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library;

/// <summary>Reads and writes documents; every read is scoped to what the current user may see.</summary>
public sealed class DocumentService(PortalDbContext db, CurrentUser user, TimeProvider time, Search.SearchChangeLog changes)
{
    public const int PageSize = 20;

    /// <summary>The list's columns (URL keys); newest first by default, undated documents last on every provider
    /// (SQLite sorts NULL lowest, PostgreSQL highest).</summary>
    public static readonly SortKeys<Document> Sorts = new SortKeys<Document>()
        .Add("date", d => d.DocDate).Add("title", d => d.Title).Add("type", d => d.DocType)
        .Add("unit", d => d.IssuingUnit != null ? d.IssuingUnit.Name : d.IssuingUnitName)
        .ThenBy(d => d.Id, desc: true)
        .Default(q => q.OrderByDescending(d => d.DocDate != null).ThenByDescending(d => d.DocDate).ThenByDescending(d => d.Id));

    /// <summary>A page of the documents the user may see (restricted ones are neither listed nor counted for others).</summary>
    public Task<ListPage<Document>> ListAsync(LibraryFilter f, ListQuery list, CancellationToken ct = default)
    {
        // A piece marked as repeating another is not listed a second time.
        var q = db.Documents.AsNoTracking().VisibleTo(user).Where(d => d.DuplicateOfId == null);
        if (f.Type is not null) q = q.Where(d => d.DocType == f.Type);
        if (f.UnitId is int unit) q = q.Where(d => d.IssuingUnitId == unit);
        if (f.Year is int y) q = q.Where(d => d.DocDate >= new DateOnly(y, 1, 1) && d.DocDate <= new DateOnly(y, 12, 31));
        if (f.Query is string text) q = q.Where(d => d.Title.Contains(text) || (d.DocNumber != null && d.DocNumber.Contains(text)));
        return list.PageAsync(Sorts.Apply(q, list).Include(d => d.IssuingUnit), PageSize, ct);
    }

    /// <summary>The units named as issuers of documents, for the list's unit filter.</summary>
    public Task<List<Unit>> IssuingUnitsAsync(CancellationToken ct = default) =>
        db.Units.AsNoTracking().Where(u => db.Documents.Any(d => d.IssuingUnitId == u.Id)).OrderBy(u => u.SortOrder).ThenBy(u => u.Name).ToListAsync(ct);

    /// <summary>The document, or null when it does not exist or the user may not see it (the page answers 404 either way).</summary>
    public Task<Document?> FindAsync(int id, CancellationToken ct = default) =>
        db.Documents.AsNoTracking().VisibleTo(user).Include(d => d.IssuingUnit).FirstOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>The original file of a document the user may see (null when there is none or the user may not see the document).</summary>
    public async Task<SourceFile?> FindSourceFileAsync(int documentId, CancellationToken ct = default)
    {
        var fileId = await db.Documents.AsNoTracking().VisibleTo(user).Where(d => d.Id == documentId)
            .Select(d => d.SourceFileId).FirstOrDefaultAsync(ct);
        return fileId is null ? null : await db.SourceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
    }

    /// <summary>The other pieces read from the same file (a compilation), in order, as far as the user may see them.</summary>
    public Task<List<Document>> SiblingsAsync(Document doc, CancellationToken ct = default) =>
        doc.SourceFileId is null
            ? Task.FromResult(new List<Document>())
            : db.Documents.AsNoTracking().VisibleTo(user)
                .Where(d => d.SourceFileId == doc.SourceFileId && d.Id != doc.Id)
                .OrderBy(d => d.Part != null).ThenBy(d => d.Part).ThenBy(d => d.Id).ToListAsync(ct);

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
        await changes.DocumentsChangedAsync(added.Select(d => d.Id), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Adds the documents read from one file, with the file's record, in one transaction: a file is imported
    /// completely or not at all, so an import killed half-way can simply be run again.
    /// </summary>
    /// <param name="duplicateOf">Pairs of indices into <paramref name="documents"/>: piece → the piece it repeats.</param>
    /// <param name="supersedes">Documents already stored → the index of the new piece that contains them: they are
    /// marked as its duplicates (with whatever repeated them) and leave the search index.</param>
    public async Task AddFromFileAsync(SourceFile? source, IReadOnlyList<Document> documents,
        IReadOnlyDictionary<int, int>? duplicateOf = null, IReadOnlyDictionary<int, int>? supersedes = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (source is not null && source.Id == 0)
        {
            db.SourceFiles.Add(source);
            await db.SaveChangesAsync(ct);
        }
        foreach (var d in documents)
        {
            d.CreatedAt = d.UpdatedAt = now;
            if (string.IsNullOrEmpty(d.ContentHash)) d.ContentHash = ContentHash(d.Title, d.Body);
            if (source is not null) d.SourceFileId = source.Id;
            db.Documents.Add(d);
        }
        await db.SaveChangesAsync(ct);
        if (duplicateOf is { Count: > 0 })
        {
            foreach (var (piece, original) in duplicateOf) documents[piece].DuplicateOfId = documents[original].Id;
            await db.SaveChangesAsync(ct);
        }
        var hidden = new List<int>();
        if (supersedes is { Count: > 0 })
        {
            var ids = supersedes.Keys.ToList();
            var stored = await db.Documents.Where(d => ids.Contains(d.Id) && d.DuplicateOfId == null).ToListAsync(ct);
            var followers = await db.Documents.Where(d => d.DuplicateOfId != null && ids.Contains(d.DuplicateOfId.Value)).ToListAsync(ct);
            foreach (var d in followers) d.DuplicateOfId = documents[supersedes[d.DuplicateOfId!.Value]].Id;
            foreach (var d in stored) d.DuplicateOfId = documents[supersedes[d.Id]].Id;
            await db.SaveChangesAsync(ct);
            hidden.AddRange(stored.Select(d => d.Id));
        }
        await changes.DocumentsChangedAsync(hidden.Concat(documents.Select(d => d.Id)), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The bulk path (JSONL migrations of hundreds of thousands of rows): one prepared INSERT per row inside one
    /// transaction, without the change tracker, with their search change rows (the index catches up after commit, in bulk).
    /// Grants are not written here (bulk rows are public or restricted to administrators until granted).
    /// </summary>
    public async Task AddBulkAsync(IReadOnlyList<Document> documents, CancellationToken ct = default)
    {
        if (documents.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText =
            "INSERT INTO \"Documents\" (\"Title\", \"DocNumber\", \"DocType\", \"IssuingUnitId\", \"IssuingUnitName\", \"DocDate\", " +
            "\"Visibility\", \"Body\", \"SourceFileName\", \"Part\", \"ContentHash\", \"CreatedAt\", \"UpdatedAt\", \"SourceFileId\", " +
            "\"DuplicateOfId\") VALUES (@Title, @DocNumber, @DocType, @IssuingUnitId, @IssuingUnitName, @DocDate, @Visibility, @Body, " +
            "@SourceFileName, @Part, @ContentHash, @CreatedAt, @UpdatedAt, @SourceFileId, @DuplicateOfId) RETURNING \"Id\"";
        var names = new[]
        {
            "Title", "DocNumber", "DocType", "IssuingUnitId", "IssuingUnitName", "DocDate", "Visibility", "Body", "SourceFileName",
            "Part", "ContentHash", "CreatedAt", "UpdatedAt", "SourceFileId", "DuplicateOfId",
        };
        var p = names.ToDictionary(n => n, n => cmd.AddParameter("@" + n));
        // SQLite keeps dates as text, PostgreSQL as date and timestamp; Npgsql prepares only typed parameters.
        var sqlite = db.Database.IsSqlite();
        if (sqlite) await cmd.PrepareAsync(ct);
        foreach (var d in documents)
        {
            d.CreatedAt = d.UpdatedAt = now;
            if (string.IsNullOrEmpty(d.ContentHash)) d.ContentHash = ContentHash(d.Title, d.Body);
            p["Title"].Value = d.Title;
            p["DocNumber"].Value = (object?)d.DocNumber ?? DBNull.Value;
            p["DocType"].Value = d.DocType;
            p["IssuingUnitId"].Value = (object?)d.IssuingUnitId ?? DBNull.Value;
            p["IssuingUnitName"].Value = (object?)d.IssuingUnitName ?? DBNull.Value;
            // On SQLite stored the way EF's SQLite provider stores DateOnly and DateTime, so EF reads these rows back unchanged.
            p["DocDate"].Value = d.DocDate is not DateOnly date ? DBNull.Value
                : sqlite ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : date;
            p["Visibility"].Value = (int)d.Visibility;
            p["Body"].Value = d.Body;
            p["SourceFileName"].Value = (object?)d.SourceFileName ?? DBNull.Value;
            p["Part"].Value = (object?)d.Part ?? DBNull.Value;
            p["ContentHash"].Value = d.ContentHash;
            p["CreatedAt"].Value = sqlite ? now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture) : now;
            p["UpdatedAt"].Value = p["CreatedAt"].Value;
            p["SourceFileId"].Value = (object?)d.SourceFileId ?? DBNull.Value;
            p["DuplicateOfId"].Value = (object?)d.DuplicateOfId ?? DBNull.Value;
            d.Id = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
        }
        await changes.DocumentsChangedAsync(documents.Select(d => d.Id), ct, bulk: true);
        await tx.CommitAsync(ct);
    }

    /// <summary>The hashes among <paramref name="hashes"/> that are already in the library, with a document of each.</summary>
    public async Task<Dictionary<string, int>> ExistingHashesAsync(IReadOnlyCollection<string> hashes, CancellationToken ct = default)
    {
        if (hashes.Count == 0) return new Dictionary<string, int>();
        // One parameter holding the list (json_each on SQLite, an array on PostgreSQL). EF 10 would otherwise send one
        // parameter per hash, and binding 5,000 named parameters costs SQLite a name search each: a third of a bulk import.
        var rows = await db.Documents.AsNoTracking().Where(d => EF.Parameter(hashes).Contains(d.ContentHash))
            .Select(d => new { d.ContentHash, d.Id }).ToListAsync(ct);
        return rows.GroupBy(r => r.ContentHash).ToDictionary(g => g.Key, g => g.Min(r => r.Id));
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
        await changes.DocumentsChangedAsync([doc.Id], ct);
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
        // Pieces hidden as repeats of this one are shown again (DuplicateOfId has no database foreign key).
        var freed = await db.Documents.Where(d => d.DuplicateOfId == id).ToListAsync(ct);
        foreach (var piece in freed) piece.DuplicateOfId = null;
        await db.SaveChangesAsync(ct);
        await changes.DocumentsChangedAsync(freed.Select(d => d.Id).Prepend(id), ct);
        await tx.CommitAsync(ct);
        return true;
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
