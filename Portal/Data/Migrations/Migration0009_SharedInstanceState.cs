using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>
/// State that several portal instances share: Data Protection keys (a cookie issued by one instance is read by
/// another) and the progress of uploads being imported (the page's poll may reach any instance).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000090_SharedInstanceState")]
public sealed class Migration0009_SharedInstanceState : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            FriendlyName = t.Column<string>(nullable: true),
            Xml = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        mb.CreateTable("UploadProgress", t => new
        {
            Id = t.Column<string>(maxLength: 64, nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: false),
            FileIndex = t.Column<int>(nullable: false),
            FileCount = t.Column<int>(nullable: false),
            FileName = t.Column<string>(maxLength: 260, nullable: false),
            Stage = t.Column<string>(maxLength: 50, nullable: false),
            Fraction = t.Column<double>(nullable: false),
            Done = t.Column<bool>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_UploadProgress", x => x.Id));
        mb.CreateIndex("IX_UploadProgress_UpdatedAt", "UploadProgress", "UpdatedAt");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("DataProtectionKeys");
        mb.DropTable("UploadProgress");
    }
}
