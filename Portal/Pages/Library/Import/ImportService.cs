using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Library.Import;

public enum ImportOutcome { Imported, Duplicate, Refused, Failed }

/// <summary>What became of one file; <see cref="Message"/> is shown as it is (Chinese).</summary>
public sealed record FileImportResult(string FileName, ImportOutcome Outcome, int Documents, int Skipped, string Message)
{
    /// <summary>The documents this file added, for links by title on the upload page.</summary>
    public IReadOnlyList<ImportedDocument> Imported { get; init; } = Array.Empty<ImportedDocument>();
    public IReadOnlyList<int> DocumentIds => Imported.Select(d => d.Id).ToList();

    /// <summary>Line numbers of rows refused in a file whose other rows were imported (bulk .jsonl).</summary>
    public IReadOnlyList<int> RefusedRows { get; init; } = Array.Empty<int>();
}

public sealed record ImportedDocument(int Id, string Title);

/// <summary>Defaults given by whoever imports (CLI --type/--unit, upload form) that override what the text suggests.</summary>
public sealed record ImportDefaults(string? DocType = null, string? Unit = null, DocumentVisibility Visibility = DocumentVisibility.Public, string? UploadedBy = null);

/// <summary>Progress of one file: a stage for people and a fraction for the bar.</summary>
public sealed record ImportProgress(string Stage, double Fraction);

/// <summary>
/// Imports one file at a time: read, clean, split, describe, skip what is already in the library, keep the original,
/// and save the file's documents in one transaction (all or nothing per file).
/// </summary>
public sealed class ImportService(
    PortalDbContext db, DocumentService documents, JsonlImporter jsonl, IOptions<LibraryOptions> options,
    UploadStore store, NearDuplicateFinder nearDuplicates, TimeProvider time, AuditLog audit)
{
    private LibraryOptions Limits => options.Value;

    public async Task<FileImportResult> ImportAsync(string fileName, Stream content, ImportDefaults defaults,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        fileName = Path.GetFileName(fileName);
        var format = FileFormats.Of(fileName);
        if (format is null) return Refused(fileName, FileFormats.UnsupportedReason(fileName));
        try
        {
            if (format == FileFormat.Jsonl)
                return await jsonl.ImportAsync(fileName, content, defaults, progress, ct);

            progress?.Report(new ImportProgress("读取文件", 0.1));
            var bytes = await ReadAllAsync(content, Limits.MaxFileBytes, ct);
            var text = format switch
            {
                FileFormat.Txt => ReadText.Plain(TextDecoder.Decode(bytes)),
                FileFormat.Docx => DocxReader.Read(bytes, Limits),
                FileFormat.Html => ReadText.Plain(HtmlReader.Read(bytes)),
                _ => throw new ImportRefusedException(FileFormats.UnsupportedReason(fileName)),
            };
            progress?.Report(new ImportProgress("清理与拆分", 0.4));
            var parsed = DocumentParser.Parse(text, joinWrapped: format == FileFormat.Txt);

            var unit = await ResolveUnitAsync(defaults.Unit, ct);
            var docs = new List<Document>();
            foreach (var p in parsed)
            {
                var d = new Document
                {
                    Title = p.Title,
                    Body = p.Body,
                    DocNumber = p.DocNumber is { Length: > 100 } n ? n[..100] : p.DocNumber,
                    DocType = defaults.DocType ?? p.DocType,
                    DocDate = p.DocDate,
                    Part = p.Part,
                    Visibility = defaults.Visibility,
                    SourceFileName = fileName.Length > 260 ? fileName[^260..] : fileName,
                    Headings = DocumentOutline.Encode(p.Headings),
                };
                var (unitId, unitName) = unit ?? await ResolveUnitAsync(p.UnitName, ct) ?? (null, null);
                d.IssuingUnitId = unitId;
                d.IssuingUnitName = unitId is null ? unitName ?? p.UnitName : null;
                d.ContentHash = DocumentService.ContentHash(d.Title, d.Body);
                docs.Add(d);
            }

            progress?.Report(new ImportProgress("检查重复", 0.6));
            var existing = await documents.ExistingHashesAsync(docs.Select(d => d.ContentHash).ToList(), ct);
            var keep = new List<int>();
            var seen = new HashSet<string>();
            for (var i = 0; i < docs.Count; i++)
                if (!existing.ContainsKey(docs[i].ContentHash) && seen.Add(docs[i].ContentHash)) keep.Add(i);
            var skipped = docs.Count - keep.Count;
            if (keep.Count == 0)
                return new FileImportResult(fileName, ImportOutcome.Duplicate, 0, skipped, $"内容已在文档库中（{skipped} 篇），已跳过。");

            var toAdd = keep.Select(i => docs[i]).ToList();
            var duplicateOf = new Dictionary<int, int>();
            for (var k = 0; k < keep.Count; k++)
            {
                if (parsed[keep[k]].DuplicateOfIndex is not int original) continue;
                var at = keep.IndexOf(original);
                if (at >= 0) duplicateOf[k] = at;
                else if (existing.TryGetValue(docs[original].ContentHash, out var existingId)) toAdd[k].DuplicateOfId = existingId;
            }
            // Then against the library: pieces repeating a stored document, stored documents a new piece contains.
            var inFile = Enumerable.Range(0, toAdd.Count).Where(k => duplicateOf.ContainsKey(k) || toAdd[k].DuplicateOfId is not null).ToHashSet();
            var links = await nearDuplicates.FindAsync(toAdd, inFile, ct);
            foreach (var (k, storedId) in links.CopyOf) toAdd[k].DuplicateOfId = storedId;
            // A piece repeating a piece that repeats a stored document points to the stored document itself.
            foreach (var (k, at) in duplicateOf.ToList())
                if (toAdd[at].DuplicateOfId is int storedOriginal)
                {
                    toAdd[k].DuplicateOfId = storedOriginal;
                    duplicateOf.Remove(k);
                }

            progress?.Report(new ImportProgress("保存", 0.8));
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var source = await db.SourceFiles.FirstOrDefaultAsync(f => f.Sha256 == sha, ct);
            // The original keeps a pending name until the documents naming it have committed (see UploadStore).
            using var staged = source is null ? await store.StageAsync(bytes, fileName, ct) : null;
            if (staged is not null)
            {
                source = new SourceFile
                {
                    OriginalName = fileName.Length > 260 ? fileName[^260..] : fileName,
                    StoredName = staged.StoredName,
                    Size = bytes.Length,
                    Sha256 = sha,
                    UploadedAt = time.GetUtcNow().UtcDateTime,
                    UploadedBy = defaults.UploadedBy,
                };
            }
            // Saved in the same transaction as the documents.
            audit.Add("导入文档", nameof(SourceFile), sha[..12], after: $"{fileName}：{toAdd.Count} 篇", userName: defaults.UploadedBy);
            await documents.AddFromFileAsync(source, toAdd, duplicateOf, links.Supersedes, ct);
            staged?.Commit();
            progress?.Report(new ImportProgress("完成", 1));
            var added = toAdd.Select(d => d.Id).ToHashSet();
            var dupNote = "";
            if (toAdd.Count(d => d.DuplicateOfId is int o && added.Contains(o)) is var inFileMarked and > 0)
                dupNote += $"，其中 {inFileMarked} 篇与其他篇重复已标记";
            if (toAdd.Count(d => d.DuplicateOfId is int o && !added.Contains(o)) is var libraryMarked and > 0)
                dupNote += $"，{libraryMarked} 篇与文档库中已有文档重复已标记";
            if (links.Supersedes.Count > 0) dupNote += $"，文档库中 {links.Supersedes.Count} 篇内容包含在本次导入中，已标记为重复";
            var skipNote = skipped > 0 ? $"，{skipped} 篇已存在已跳过" : "";
            return new FileImportResult(fileName, ImportOutcome.Imported, toAdd.Count, skipped,
                $"已导入 {toAdd.Count} 篇文档{dupNote}{skipNote}。") { Imported = toAdd.Select(d => new ImportedDocument(d.Id, d.Title)).ToList() };
        }
        catch (ImportRefusedException ex)
        {
            return Refused(fileName, ex.Message);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static FileImportResult Refused(string fileName, string reason) =>
        new(fileName, ImportOutcome.Refused, 0, 0, reason);

    internal static async Task<byte[]> ReadAllAsync(Stream content, long max, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(buffer, ct)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > max) throw new ImportRefusedException($"文件超过大小限制（{max / 1024 / 1024} MB）。");
        }
        if (ms.Length == 0) throw new ImportRefusedException("文件为空。");
        return ms.ToArray();
    }

    /// <summary>One of our units by name or short name; otherwise the name as written.</summary>
    internal async Task<(int? Id, string? Name)?> ResolveUnitAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        name = name.Trim();
        var id = await db.Units.AsNoTracking().Where(u => u.Name == name || u.ShortName == name).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        return (id, id is null ? (name.Length > 200 ? name[..200] : name) : null);
    }
}
