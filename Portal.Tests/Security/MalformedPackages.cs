using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Tests.Security;

/// <summary>
/// Damaged copies of a valid Office file (.xlsx, .docx), made the ways files get damaged: a part cut short, an entry whose
/// declared size is smaller than what it holds, parts missing, shared strings pointing past their table, a styles part
/// that is not XML, a password-protected (encrypted) file. Made from whatever valid file a test has, so the same cases
/// hold whichever library reads the files.
/// </summary>
public static class MalformedPackages
{
    /// <param name="valid">A valid package.</param>
    /// <param name="mainPart">The part holding the content (<c>xl/worksheets/sheet1.xml</c>, <c>word/document.xml</c>).</param>
    public static IEnumerable<(string Case, byte[] Bytes)> From(byte[] valid, string mainPart)
    {
        var entries = Entries(valid);
        if (!entries.ContainsKey(mainPart)) throw new ArgumentException($"{mainPart} is not in the package", nameof(mainPart));
        yield return ("XML 被截断", Zip(entries, mainPart, b => b[..(b.Length / 2)]));
        yield return ("条目声明的大小小于内容", DeclareSmaller(Zip(entries), mainPart));
        yield return ("缺少内容部件", Zip(entries.Where(e => e.Key != mainPart)));
        yield return ("缺少 [Content_Types].xml", Zip(entries.Where(e => e.Key != "[Content_Types].xml")));
        yield return ("缺少关系文件", Zip(entries.Where(e => e.Key != "_rels/.rels")));
        yield return ("文件被截断", valid[..(valid.Length * 2 / 3)]);
        if (entries.Keys.FirstOrDefault(k => k.EndsWith("sharedStrings.xml", StringComparison.Ordinal)) is string shared)
            yield return ("共享字符串越界", Zip(entries, shared, b => Encoding.UTF8.GetBytes(
                Regex.Replace(Encoding.UTF8.GetString(b), "<(\\w+:)?si>.*?</(\\w+:)?si>|<(\\w+:)?si/>", "", RegexOptions.Singleline))));
        if (entries.Keys.FirstOrDefault(k => k.EndsWith("/styles.xml", StringComparison.Ordinal)) is string styles)
            yield return ("样式部件不是 XML", Zip(entries, styles, _ => "这不是 XML <<< &&& "u8.ToArray()));
        yield return ("设置了打开密码（加密）", Encrypted(valid));
    }

    public static Dictionary<string, byte[]> Entries(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
    }

    private static byte[] Zip(Dictionary<string, byte[]> entries, string changed, Func<byte[], byte[]> change) =>
        Zip(entries.Select(e => e.Key == changed ? KeyValuePair.Create(e.Key, change(e.Value)) : e));

    public static byte[] Zip(IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(bytes);
            }
        return ms.ToArray();
    }

    /// <summary>
    /// The archive with <paramref name="entry"/> declaring 100 bytes unpacked (local header and central directory)
    /// while it holds all of its content.
    /// </summary>
    public static byte[] DeclareSmaller(byte[] zip, string entry, uint declared = 100)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        var span = bytes.AsSpan();
        var end = span.LastIndexOf("PK\u0005\u0006"u8);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        var found = false;
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            var extra = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 30)..]);
            var comment = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 32)..]);
            if (span.Slice(at + 46, nameLength).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 24)..], declared);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 42)..]);
                BinaryPrimitives.WriteUInt32LittleEndian(span[(local + 22)..], declared);
                found = true;
            }
            at += 46 + nameLength + extra + comment;
        }
        if (!found) throw new ArgumentException($"{entry} is not in the archive", nameof(entry));
        return bytes;
    }

    /// <summary>
    /// What Office writes for a file with an opening password: an OLE compound file (its header, then the package as
    /// the "EncryptedPackage" stream), not a zip. The content is scrambled as encryption would leave it.
    /// </summary>
    public static byte[] Encrypted(byte[] package)
    {
        var header = new byte[512];
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(24), 0x3E); // minor version
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), 3); // major version 3: 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), 0xFFFE); // byte order
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(30), 9); // sector shift
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), 6); // mini sector shift
        var scrambled = package.Select((b, i) => (byte)(b ^ (i * 131 + 7))).ToArray();
        return [.. header, .. "EncryptionInfo\0EncryptedPackage\0"u8, .. scrambled];
    }
}
