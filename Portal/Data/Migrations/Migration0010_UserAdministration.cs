using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>
/// 系统管理: accounts an administrator can disable and whose password must be changed at the next sign-in, and the lease
/// that lets only one index rebuild run at a time across instances (with its progress, read by every instance's page).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261205000100_UserAdministration")]
public sealed class Migration0010_UserAdministration : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<bool>("IsDisabled", "AspNetUsers", nullable: false, defaultValue: false);
        mb.AddColumn<bool>("MustChangePassword", "AspNetUsers", nullable: false, defaultValue: false);

        mb.CreateTable("MaintenanceJobs", t => new
        {
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Holder = t.Column<string>(maxLength: 100, nullable: true),
            LeaseUntil = t.Column<DateTime>(nullable: true),
            StartedBy = t.Column<string>(maxLength: 256, nullable: true),
            StartedAt = t.Column<DateTime>(nullable: true),
            FinishedAt = t.Column<DateTime>(nullable: true),
            Done = t.Column<int>(nullable: false),
            Total = t.Column<int>(nullable: false),
            Message = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_MaintenanceJobs", x => x.Name));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("MaintenanceJobs");
        mb.DropColumn("IsDisabled", "AspNetUsers");
        mb.DropColumn("MustChangePassword", "AspNetUsers");
    }
}
