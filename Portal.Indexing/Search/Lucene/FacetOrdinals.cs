using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// Each segment's facet ordinals (type, unit, year) as plain arrays, read once per segment from its sorted doc values
/// and kept while the segment lives: counting a frequent word's tens of thousands of matches is then an array lookup
/// per match instead of three decodes of packed doc values. Deletions do not change a segment's ordinals, so reopened
/// readers share the arrays; a merged-away segment's arrays go with it.
/// </summary>
internal static class FacetOrdinals
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, int[]>> Segments = new();

    /// <summary>The ordinal of every document's value (-1: none); null when the segment has no such doc values.</summary>
    public static int[]? Of(AtomicReader reader, string field)
    {
        var fields = Segments.GetValue(reader.CoreCacheKey, _ => new Dictionary<string, int[]>(StringComparer.Ordinal));
        lock (fields)
        {
            if (fields.TryGetValue(field, out var cached)) return cached;
            if (reader.GetSortedDocValues(field) is not { } values) return null;
            var ords = new int[reader.MaxDoc];
            for (var doc = 0; doc < ords.Length; doc++) ords[doc] = values.GetOrd(doc);
            fields[field] = ords;
            return ords;
        }
    }
}
