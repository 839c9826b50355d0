using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>Which yearly rankings staff published to every unit (本单位统计 then lists each unit's rank).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261205000110_RankingPublications")]
public sealed class Migration0011_RankingPublications : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("RankingPublications", t => new
        {
            Ranking = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            PublishedBy = t.Column<string>(maxLength: 256, nullable: false),
            PublishedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_RankingPublications", x => new { x.Ranking, x.Year }));
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("RankingPublications");
}
