using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Pages.Library.Import;

/// <summary>
/// The bulk path for migrating older systems: one JSON object per line (title, body, optional 文号/docNumber, type,
/// unit, date, visibility). Streamed, no heavy cleaning, saved in batches (one transaction each, with the batch's search
/// change rows, through <see cref="DocumentService.AddBulkAsync"/>; the next batch is parsed while one is written; the
/// index follows in bulk after commit). Lines already in the library are skipped by hash, so
/// an interrupted bulk import is finished by running it again. A bad line is reported and the rest still imported.
/// </summary>
public sealed class JsonlImporter(PortalDbContext db, DocumentService documents, IOptions<LibraryOptions> options, UploadStore store, TimeProvider time)
{
    public async Task<FileImportResult> ImportAsync(string fileName, Stream content, ImportDefaults defaults,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        // The original is kept first (it may be large: copied by streaming, hashed on the way), under a pending name
        // until its record has committed (see UploadStore).
        string sha;
        SourceFile? source;
        var created = false;
        using (var staged = store.Stage(fileName))
        {
            using (var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hasher.AppendData(buffer, 0, n);
                    await staged.Stream.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                sha = Convert.ToHexStringLower(hasher.GetHashAndReset());
            }
            var size = staged.Stream.Length;
            if (size == 0) throw new ImportRefusedException("文件为空。");
            staged.Stream.Flush(flushToDisk: true);

            source = await db.SourceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha, ct);
            if (source is null)
            {
                source = new SourceFile
                {
                    OriginalName = fileName.Length > 260 ? fileName[^260..] : fileName, StoredName = staged.StoredName, Size = size, Sha256 = sha,
                    UploadedAt = time.GetUtcNow().UtcDateTime, UploadedBy = defaults.UploadedBy,
                };
                // The file's record commits on its own, before any batch: a run killed after it is resumed by the next
                // run of the same file, which finds the record by its hash.
                await documents.AddFromFileAsync(source, Array.Empty<Document>(), ct: ct);
                db.ChangeTracker.Clear();
                created = true;
                staged.Commit();
            }
            else if (!File.Exists(store.PathOf(source.StoredName)))
            {
                staged.Commit(source.StoredName);
            }
        }
        var path = store.PathOf(source.StoredName);

        var imported = 0;
        var skipped = 0;
        var badLines = new List<int>();
        var units = new Dictionary<string, (int? Id, string? Name)>();
        var batchSize = Math.Max(1, options.Value.BulkBatchSize);
        await using var input = File.OpenRead(path);
        using var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var lineNo = 0;
        string? line;
        var lines = new List<(int No, string Text)>(batchSize);
        Task<Parsed>? pending = null;

        // A pipeline: while one batch is written (one writer: SQLite), the next is parsed and hashed on another core.
        async Task WritePendingAsync()
        {
            if (pending is null) return;
            var parsed = await pending;
            pending = null;
            badLines.AddRange(parsed.BadLines);
            (var added, var dup) = await SaveBatchAsync(source, parsed, units, ct);
            imported += added;
            skipped += dup;
            progress?.Report(new ImportProgress($"已处理 {parsed.LastLine} 行，已导入 {imported} 篇", input.Length > 0 ? (double)input.Position / input.Length : 0));
        }
        while ((line = await reader.ReadLineAsync(ct)) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            lines.Add((lineNo, line));
            if (lines.Count < batchSize) continue;
            var ready = lines;
            lines = new List<(int, string)>(batchSize);
            var next = Task.Run(() => Parse(ready, defaults, source.OriginalName), ct);
            await WritePendingAsync();
            pending = next;
        }
        if (lines.Count > 0)
        {
            var last = lines;
            var next = Task.Run(() => Parse(last, defaults, source.OriginalName), ct);
            await WritePendingAsync();
            pending = next;
        }
        await WritePendingAsync();
        progress?.Report(new ImportProgress("完成", 1));
        if (created && imported == 0) await ForgetAsync(source, ct);

        badLines.Sort();
        var message = new StringBuilder($"已导入 {imported} 篇文档");
        if (skipped > 0) message.Append($"，{skipped} 篇已存在已跳过");
        if (badLines.Count > 0)
            message.Append($"，{badLines.Count} 行格式错误或没有正文，未导入（第 {string.Join("、", badLines.Take(20))}{(badLines.Count > 20 ? " 等" : "")} 行）");
        message.Append('。');
        if (imported == 0 && skipped == 0 && badLines.Count == 0) throw new ImportRefusedException("文件中没有文档。");
        // A file fails only when nothing of it could be imported; rows refused beside imported ones are listed, not a failure.
        var outcome = imported > 0 ? ImportOutcome.Imported : skipped > 0 ? ImportOutcome.Duplicate : ImportOutcome.Failed;
        return new FileImportResult(fileName, outcome, imported, skipped, message.ToString()) { RefusedRows = badLines };
    }

    /// <summary>A batch of lines parsed and hashed (no database access: runs beside the writer).</summary>
    private sealed record Parsed(List<Document> Documents, List<int> BadLines, int LastLine);

    private static Parsed Parse(List<(int No, string Text)> lines, ImportDefaults defaults, string sourceName)
    {
        var docs = new List<Document>(lines.Count);
        var bad = new List<int>();
        foreach (var (no, text) in lines)
        {
            var doc = ParseLine(text, defaults);
            if (doc is null) { bad.Add(no); continue; }
            doc.SourceFileName = sourceName;
            doc.ContentHash = DocumentService.ContentHash(doc.Title, doc.Body);
            docs.Add(doc);
        }
        return new Parsed(docs, bad, lines[^1].No);
    }

    private async Task<(int Added, int Skipped)> SaveBatchAsync(SourceFile source, Parsed batch,
        Dictionary<string, (int? Id, string? Name)> units, CancellationToken ct)
    {
        var docs = batch.Documents;
        var existing = await documents.ExistingHashesAsync(docs.Select(d => d.ContentHash).Distinct().ToList(), ct);
        var seen = new HashSet<string>();
        var fresh = docs.Where(d => !existing.ContainsKey(d.ContentHash) && seen.Add(d.ContentHash)).ToList();
        if (fresh.Count > 0)
        {
            foreach (var doc in fresh)
            {
                var unitName = doc.IssuingUnitName;
                if (unitName is null) continue;
                if (!units.TryGetValue(unitName, out var unit))
                {
                    var id = await db.Units.AsNoTracking().Where(u => u.Name == unitName || u.ShortName == unitName).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
                    units[unitName] = unit = (id, id is null ? unitName : null);
                }
                doc.IssuingUnitId = unit.Id;
                doc.IssuingUnitName = unit.Name;
            }
            foreach (var d in fresh) d.SourceFileId = source.Id;
            await documents.AddBulkAsync(fresh, ct);
        }
        return (fresh.Count, docs.Count - fresh.Count);
    }

    /// <summary>A file that added no document (all lines already in the library, or none valid) is not kept.</summary>
    private async Task ForgetAsync(SourceFile source, CancellationToken ct)
    {
        if (await db.Documents.AnyAsync(d => d.SourceFileId == source.Id, ct)) return;
        await db.SourceFiles.Where(f => f.Id == source.Id).ExecuteDeleteAsync(ct);
        store.Delete(source.StoredName);
    }

    private static Document? ParseLine(string line, ImportDefaults defaults)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var o = json.RootElement;
            if (o.ValueKind != JsonValueKind.Object) return null;
            var title = Str(o, "title", "标题", "name");
            var body = Str(o, "body", "正文", "content", "text");
            if (string.IsNullOrWhiteSpace(body)) return null;
            body = body.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
            // A row without a title gets one from its first line, as a .txt file does (chinese-poetry has such rows).
            if (string.IsNullOrWhiteSpace(title)) title = MetadataExtractor.DeriveTitle(body.Split('\n').Select(l => l.Trim()).ToList());
            var type = defaults.DocType ?? Str(o, "type", "类型", "docType");
            if (type is null || !DocumentTypes.All.Contains(type)) type = type is null ? MetadataExtractor.TypeFromTitle(title) ?? DocumentTypes.Other : MapType(type);
            var date = Str(o, "date", "日期", "docDate");
            var visibility = Str(o, "visibility", "范围", "公开范围");
            var number = Str(o, "文号", "docNumber", "doc_number");
            return new Document
            {
                Title = Clip(title.Trim(), 500),
                Body = body,
                DocNumber = number is null ? null : Clip(number.Trim(), 100),
                DocType = type,
                IssuingUnitName = defaults.Unit ?? Str(o, "unit", "单位", "issuingUnit"),
                DocDate = ParseDate(date),
                Visibility = visibility is "restricted" or "Restricted" or "受限" or "内部" or "1" ? DocumentVisibility.Restricted : defaults.Visibility,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string MapType(string type) =>
        MetadataExtractor.TypeFromTitle(type) ?? (type is "计划" or "方案" ? "计划/方案" : DocumentTypes.Other);

    private static string? Str(JsonElement o, params string[] names)
    {
        foreach (var name in names)
            if (o.TryGetProperty(name, out var v))
                return v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number => v.GetRawText(),
                    JsonValueKind.Array => string.Join("\n", v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                    _ => null,
                };
        return null;
    }

    private static DateOnly? ParseDate(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var m = System.Text.RegularExpressions.Regex.Match(s, @"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})");
        if (!m.Success) return null;
        var (y, mo, d) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        return mo is >= 1 and <= 12 && d >= 1 && y is > 1900 and < 2200 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}
