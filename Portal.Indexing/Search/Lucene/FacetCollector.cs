using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// Counts every match (the exact total) and, when asked, the facets over all of them from the doc values of type,
/// unit and year: an array of counts per value ordinal per segment, turned into values once per segment.
/// </summary>
internal sealed class FacetCollector(bool facets) : ICollector
{
    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _years = new(StringComparer.Ordinal);
    private Segment? _segment;

    public int Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        if (!facets) return;
        var reader = context.AtomicReader;
        _segment = new Segment(new Counter(reader, LuceneFields.Type), new Counter(reader, LuceneFields.Unit), new Counter(reader, LuceneFields.Year));
    }

    public void Collect(int doc)
    {
        Total++;
        if (_segment is not { } s) return;
        s.Types.Count(doc);
        s.Units.Count(doc);
        s.Years.Count(doc);
    }

    public (List<FacetValue> Types, List<FacetValue> Units, List<FacetValue> Years) Facets()
    {
        Flush();
        return (ByCount(_types), ByCount(_units),
            _years.Select(kv => new FacetValue(kv.Key, kv.Value)).OrderByDescending(f => f.Value, StringComparer.Ordinal).ToList());
    }

    private void Flush()
    {
        if (_segment is not { } s) return;
        s.Types.AddTo(_types);
        s.Units.AddTo(_units);
        s.Years.AddTo(_years);
        _segment = null;
    }

    private static List<FacetValue> ByCount(Dictionary<string, int> counts) =>
        counts.Select(kv => new FacetValue(kv.Key, kv.Value)).OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();

    private sealed record Segment(Counter Types, Counter Units, Counter Years);

    private sealed class Counter
    {
        private readonly SortedDocValues? _values;
        private readonly int[]? _ords;
        private readonly int[] _counts;

        public Counter(AtomicReader reader, string field)
        {
            _values = reader.GetSortedDocValues(field);
            _ords = FacetOrdinals.Of(reader, field);
            _counts = new int[_values?.ValueCount ?? 0];
        }

        public void Count(int doc)
        {
            if (_ords is null) return;
            var ord = _ords[doc];
            if (ord >= 0) _counts[ord]++;
        }

        public void AddTo(Dictionary<string, int> totals)
        {
            var bytes = new BytesRef();
            for (var ord = 0; ord < _counts.Length; ord++)
            {
                if (_counts[ord] == 0) continue;
                _values!.LookupOrd(ord, bytes);
                var key = bytes.Utf8ToString();
                totals[key] = totals.GetValueOrDefault(key) + _counts[ord];
            }
        }
    }
}
