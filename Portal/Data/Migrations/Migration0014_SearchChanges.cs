using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>
/// The change rows the search index follows (issue 19): the index now lives outside the database, so every write of a
/// document or submission records what changed in its own transaction, and each instance applies the rows after commit.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261205000140_SearchChanges")]
public sealed class Migration0014_SearchChanges : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("SearchChanges", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Source = t.Column<string>(maxLength: 20, nullable: false),
            EntityId = t.Column<int>(nullable: false),
            ChangedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SearchChanges", x => x.Id));
        mb.CreateIndex("IX_SearchChanges_Source_EntityId", "SearchChanges", new[] { "Source", "EntityId" });
        // The engines this replaces kept their index in tables of their own, made outside the migrations.
        foreach (var table in LegacyTables) mb.Sql($"DROP TABLE IF EXISTS {table}");
    }

    /// <summary>SQLite FTS5 (vocabularies first: they read the FTS table), its impact lists, PostgreSQL's entries.</summary>
    private static readonly string[] LegacyTables =
        ["search_vocab", "search_vocab_instance", "search_fts", "search_meta", "search_impact", "search_impact_terms", "search_state", "search_entries"];

    protected override void Down(MigrationBuilder mb) => mb.DropTable("SearchChanges");
}
