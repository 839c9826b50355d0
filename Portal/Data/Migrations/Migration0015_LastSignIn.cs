using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>When each account last signed in (UTC), for the administrator's list: accounts nobody uses any more are found and disabled.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206000150_LastSignIn")]
public sealed class Migration0015_LastSignIn : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.AddColumn<DateTime>("LastSignInAt", "AspNetUsers", nullable: true);

    protected override void Down(MigrationBuilder mb) =>
        mb.DropColumn("LastSignInAt", "AspNetUsers");
}
