using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Pages.Library;

namespace Portal.Demo;

/// <summary>Demo documents of every type, generated from our own templates (<see cref="DemoDocumentGenerator"/>).</summary>
public sealed class DemoDocumentsSeeder(DocumentService documents, IOptions<PortalOptions> options) : IDemoSeeder
{
    public int Order => 10;

    public async Task SeedAsync(PortalDbContext db, CancellationToken ct)
    {
        var units = await db.Units.OrderBy(u => u.SortOrder).ToListAsync(ct);
        var generated = new DemoDocumentGenerator(seed: 20260101).Generate(units, Math.Max(options.Value.DemoDocumentCount, 1));
        await documents.AddAsync(generated, ct);
    }
}
