using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>The document library: original files, the link from documents to them, and the near-duplicate marker.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000020_Library")]
public sealed class Migration0002_Library : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("SourceFiles", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            OriginalName = t.Column<string>(maxLength: 260, nullable: false),
            StoredName = t.Column<string>(maxLength: 100, nullable: false),
            Size = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            UploadedAt = t.Column<DateTime>(nullable: false),
            UploadedBy = t.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_SourceFiles", x => x.Id));

        mb.AddColumn<int>("SourceFileId", "Documents", nullable: true);
        mb.AddColumn<int>("DuplicateOfId", "Documents", nullable: true);
        // No foreign keys on the two new columns: SQLite cannot add one to an existing table in place
        // (see DocumentLibraryConfiguration); the code keeps the links consistent.

        mb.CreateIndex("IX_SourceFiles_Sha256", "SourceFiles", "Sha256");
        mb.CreateIndex("IX_Documents_SourceFileId", "Documents", "SourceFileId");
        mb.CreateIndex("IX_Documents_DuplicateOfId", "Documents", "DuplicateOfId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_Documents_SourceFileId", "Documents");
        mb.DropIndex("IX_Documents_DuplicateOfId", "Documents");
        mb.DropColumn("SourceFileId", "Documents");
        mb.DropColumn("DuplicateOfId", "Documents");
        mb.DropTable("SourceFiles");
    }
}
