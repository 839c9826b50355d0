using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Indexing.Search;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Near-duplicates across files, by the same rule as inside one file (<see cref="DocumentParser.MarkNearDuplicates"/>):
/// a text contained, white space aside, in a longer one repeats it, and the longer one is kept. A new piece contained
/// in a document already in the library is marked as its duplicate; a document already in the library contained in a
/// new piece (an excerpt imported before the full text) is marked as the new piece's.
/// <para>
/// Candidates come from the search index — a few exact passages of the piece, searched as phrases — and are then
/// compared in full, so the cost does not grow with the library. A document is only hidden behind one that everyone
/// who may read it may also read.
/// </para>
/// </summary>
public sealed class NearDuplicateFinder(PortalDbContext db, Search.SearchIndexFollower search)
{
    private const int ProbeLength = 16;
    private const int MaxCandidates = 20;

    /// <param name="CopyOf">Index of a new piece → the stored document it repeats.</param>
    /// <param name="Supersedes">Stored document → index of the new piece that contains it.</param>
    public sealed record Links(Dictionary<int, int> CopyOf, Dictionary<int, int> Supersedes)
    {
        public int Count => CopyOf.Count + Supersedes.Count;
    }

    /// <param name="skip">Indices of pieces already marked as repeating another piece of the same file.</param>
    public async Task<Links> FindAsync(IReadOnlyList<Document> pieces, IReadOnlySet<int> skip, CancellationToken ct = default)
    {
        var links = new Links(new Dictionary<int, int>(), new Dictionary<int, int>());
        for (var i = 0; i < pieces.Count; i++)
        {
            if (skip.Contains(i)) continue;
            var piece = TextCleaner.Squeeze(pieces[i].Body);
            var probes = Probes(pieces[i].Body);
            if (piece.Length < DocumentParser.NearDuplicateMinLength || probes.Count == 0) continue;

            var query = new SearchQuery { Required = [new QueryGroup(probes.Select(p => new QueryTerm(p, IsPhrase: true)).ToList())] };
            var hits = search.Engine.Search(new SearchRequest(query, SearchAccess.Everything)
            {
                PageSize = MaxCandidates, WithFacets = false, WithSnippets = false,
            }).Hits;
            var ids = hits.Where(h => h.Key.Source == Search.SearchChange.DocumentSource).Select(h => h.Id).ToList();
            if (ids.Count == 0) continue;
            var candidates = await db.Documents.AsNoTracking()
                .Where(d => ids.Contains(d.Id) && d.DuplicateOfId == null)
                .Select(d => new { d.Id, d.Body, d.Visibility, Grants = d.Grants.Count })
                .ToListAsync(ct);
            foreach (var s in candidates.OrderBy(s => s.Id))
            {
                var stored = TextCleaner.Squeeze(s.Body);
                if (stored.Contains(piece, StringComparison.Ordinal))
                {
                    if (!ReadableByAllReadersOf(s.Visibility, pieces[i].Visibility, 0)) continue;
                    links.CopyOf[i] = s.Id;
                    break;
                }
                if (stored.Length >= DocumentParser.NearDuplicateMinLength && piece.Contains(stored, StringComparison.Ordinal)
                    && ReadableByAllReadersOf(pieces[i].Visibility, s.Visibility, s.Grants))
                    links.Supersedes.TryAdd(s.Id, i);
            }
            // A piece that is itself a copy hides nothing.
            if (links.CopyOf.ContainsKey(i))
                foreach (var id in links.Supersedes.Where(kv => kv.Value == i).Select(kv => kv.Key).ToList())
                    links.Supersedes.Remove(id);
        }
        return links;
    }

    /// <summary>
    /// True when a document of visibility <paramref name="kept"/> is readable by everyone who may read the one hidden
    /// behind it: the kept one is public, or the hidden one is restricted to administrators (no grants). New pieces
    /// have no grants yet.
    /// </summary>
    private static bool ReadableByAllReadersOf(DocumentVisibility kept, DocumentVisibility hidden, int hiddenGrants) =>
        kept == DocumentVisibility.Public || (hidden == DocumentVisibility.Restricted && hiddenGrants == 0);

    /// <summary>
    /// Exact passages of the text: the start of its first paragraph, the middle of its middle one, the end of its last
    /// (one of them survives a line broken differently in the other copy).
    /// </summary>
    internal static List<string> Probes(string body)
    {
        var paragraphs = body.Split('\n').Select(TextCleaner.Squeeze).Where(p => p.Length >= ProbeLength).ToList();
        if (paragraphs.Count == 0) return [];
        var first = paragraphs[0];
        var middle = paragraphs[paragraphs.Count / 2];
        var last = paragraphs[^1];
        return new[] { first[..ProbeLength], middle.Substring((middle.Length - ProbeLength) / 2, ProbeLength), last[^ProbeLength..] }
            .Distinct(StringComparer.Ordinal).ToList();
    }
}
