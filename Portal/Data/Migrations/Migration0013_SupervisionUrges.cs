using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>催办: the office urging a unit on a supervision task.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261205000130_SupervisionUrges")]
public sealed class Migration0013_SupervisionUrges : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("SupervisionUrges", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            TaskId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            Message = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionUrges", x => x.Id);
            t.ForeignKey("FK_SupervisionUrges_SupervisionTasks_TaskId", x => x.TaskId, "SupervisionTasks", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SupervisionUrges_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_SupervisionUrges_TaskId", "SupervisionUrges", "TaskId");
        mb.CreateIndex("IX_SupervisionUrges_UnitId", "SupervisionUrges", "UnitId");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("SupervisionUrges");
}
