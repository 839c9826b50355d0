using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>The headings a document's original marks by style (Word), for its outline.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000080_DocumentHeadings")]
public sealed class Migration0008_DocumentHeadings : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.AddColumn<string>("Headings", "Documents", nullable: true);

    protected override void Down(MigrationBuilder mb) =>
        mb.DropColumn("Headings", "Documents");
}
