using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace Portal.Indexing.Analysis;

/// <summary>The analyzer's data files, embedded in this assembly (see Data/PROVENANCE.md); nothing is read from disk or network.</summary>
internal static class EmbeddedData
{
    public const string JiebaDict = "jieba.dict.utf8.gz";
    /// <summary>jieba.dict.utf8 pre-built into the in-memory trie layout by scripts/update-analyzer-data.sh.</summary>
    public const string JiebaTrie = "jieba.trie.gz";
    public const string HmmModel = "hmm_model.utf8.gz";
    public const string TsCharacters = "TSCharacters.txt.gz";
    public const string TsPhrases = "TSPhrases.txt.gz";
    public const string DomainDict = "domain.dict.txt";
    /// <summary>Character → toneless pinyin readings (pinyin-pro), for the spelling suggestions.</summary>
    public const string Pinyin = "pinyin.txt.gz";

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Stream? Open(string name)
    {
        var raw = typeof(EmbeddedData).Assembly.GetManifestResourceStream("Portal.Indexing.Analysis.Data." + name);
        if (raw is null) return null;
        return name.EndsWith(".gz", StringComparison.Ordinal) ? new BufferedStream(new GZipStream(raw, CompressionMode.Decompress), 1 << 16) : raw;
    }

    public static string ReadText(string name)
    {
        var asm = typeof(EmbeddedData).Assembly;
        using var raw = asm.GetManifestResourceStream("Portal.Indexing.Analysis.Data." + name)
            ?? throw new InvalidOperationException($"Embedded analyzer resource missing: {name}");
        Stream s = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using (s)
        {
            using var ms = new MemoryStream(name.EndsWith(".gz", StringComparison.Ordinal) ? (int)raw.Length * 3 : (int)raw.Length);
            s.CopyTo(ms);
            return Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
        }
    }
}
