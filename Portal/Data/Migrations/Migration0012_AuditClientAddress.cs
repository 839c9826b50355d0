using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>The address a change came from (the user's, behind a configured proxy), in the audit log.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261205000120_AuditClientAddress")]
public sealed class Migration0012_AuditClientAddress : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.AddColumn<string>("ClientAddress", "AuditEntries", maxLength: 45, nullable: true);

    protected override void Down(MigrationBuilder mb) =>
        mb.DropColumn("ClientAddress", "AuditEntries");
}
