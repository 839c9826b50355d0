using System.IO.Compression;

namespace Portal.Infrastructure;

/// <summary>What an uploaded zip (.xlsx, .docx) really holds, measured before any parser unpacks it.</summary>
public static class ZipContent
{
    /// <summary>
    /// True when the entries unpack to at most <paramref name="limit"/> bytes. The declared sizes are checked first (cheap),
    /// then the entries are unpacked and counted, stopping at the limit: an archive can declare a few bytes for an entry
    /// that holds gigabytes. Throws <see cref="InvalidDataException"/> when the archive is damaged.
    /// </summary>
    public static bool UnpacksWithin(Stream zipStream, long limit)
    {
        var start = zipStream.Position;
        try
        {
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Sum(e => e.Length) > limit) return false;
            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                int n;
                while ((n = content.Read(buffer)) > 0)
                    if ((total += n) > limit) return false;
            }
            return true;
        }
        finally
        {
            zipStream.Position = start;
        }
    }

    /// <summary>The first bytes of an OLE compound file: an encrypted (password-protected) Office file, or an old .xls/.doc.</summary>
    public static bool IsCompoundFile(ReadOnlySpan<byte> head) => head.StartsWith(CompoundFileSignature);

    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
}
