using System.Globalization;

namespace Portal.Indexing.Analysis;

/// <summary>jieba's character-tagging HMM (states B, E, M, S), read from cppjieba's hmm_model.utf8.</summary>
internal sealed class HmmModel
{
    public const int B = 0, E = 1, M = 2, S = 3;
    public const double MinFloat = -3.14e100;

    public readonly double[] Start = new double[4];
    public readonly double[] Trans = new double[16];   // [from * 4 + to]
    /// <summary>Emission log-probabilities, [state][char]; unseen characters get <see cref="MinFloat"/> as in jieba.</summary>
    public readonly double[][] Emit = new double[4][];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public HmmModel(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && l[0] != '#').ToList();
        if (lines.Count < 9) throw new InvalidDataException("hmm_model.utf8: too few lines");
        var inv = CultureInfo.InvariantCulture;
        var start = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < 4; i++) Start[i] = double.Parse(start[i], inv);
        for (int r = 0; r < 4; r++)
        {
            var row = lines[1 + r].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int c = 0; c < 4; c++) Trans[r * 4 + c] = double.Parse(row[c], inv);
        }
        for (int s = 0; s < 4; s++)
        {
            var e = new double[65536];
            Array.Fill(e, MinFloat);
            var line = lines[5 + s].AsSpan();
            while (!line.IsEmpty)
            {
                int comma = line.IndexOf(',');
                var pair = comma < 0 ? line : line[..comma];
                line = comma < 0 ? default : line[(comma + 1)..];
                // "字:-8.53"; BMP characters only, as in jieba's model.
                if (pair.Length > 2 && pair[1] == ':')
                    e[pair[0]] = double.Parse(pair[2..], NumberStyles.Float, inv);
            }
            Emit[s] = e;
        }
    }
}
