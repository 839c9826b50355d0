using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>The administrators' user dictionary, and shared settings (the dictionary the index was built with).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000060_UserDictionary")]
public sealed class Migration0006_UserDictionary : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("DictionaryWords", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Word = t.Column<string>(maxLength: 20, nullable: false),
            Frequency = t.Column<int>(nullable: true),
            AddedAt = t.Column<DateTime>(nullable: false),
            AddedBy = t.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DictionaryWords", x => x.Id));
        mb.CreateIndex("IX_DictionaryWords_Word", "DictionaryWords", "Word", unique: true);

        mb.CreateTable("PortalSettings", t => new
        {
            Key = t.Column<string>(maxLength: 100, nullable: false),
            Value = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_PortalSettings", x => x.Key));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("DictionaryWords");
        mb.DropTable("PortalSettings");
    }
}
