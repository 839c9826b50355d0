using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>Supervision tasks (督办事项), their co-operating units, progress reports and timeline.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000040_Supervision")]
public sealed class Migration0004_Supervision : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("SupervisionTasks", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Code = t.Column<string>(maxLength: 50, nullable: false),
            Source = t.Column<int>(nullable: false),
            SourceRef = t.Column<string>(maxLength: 200, nullable: true),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Requirements = t.Column<string>(nullable: false),
            LeadUnitId = t.Column<int>(nullable: false),
            AssignedOn = t.Column<DateOnly>(nullable: false),
            OriginalDeadline = t.Column<DateOnly>(nullable: false),
            Deadline = t.Column<DateOnly>(nullable: false),
            Priority = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            ExtensionCount = t.Column<int>(nullable: false),
            ExtensionReason = t.Column<string>(maxLength: 500, nullable: true),
            ExtensionApprover = t.Column<string>(maxLength: 100, nullable: true),
            CloseRequestedOn = t.Column<DateOnly>(nullable: true),
            ClosedOn = t.Column<DateOnly>(nullable: true),
            Result = t.Column<string>(nullable: true),
            ClosedBy = t.Column<string>(maxLength: 256, nullable: true),
            RepliedOn = t.Column<DateOnly>(nullable: true),
            ReplyType = t.Column<int>(nullable: true),
            Satisfaction = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionTasks", x => x.Id);
            t.ForeignKey("FK_SupervisionTasks_Units_LeadUnitId", x => x.LeadUnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("SupervisionTaskUnits", t => new
        {
            TaskId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionTaskUnits", x => new { x.TaskId, x.UnitId });
            t.ForeignKey("FK_SupervisionTaskUnits_SupervisionTasks_TaskId", x => x.TaskId, "SupervisionTasks", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SupervisionTaskUnits_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("SupervisionReports", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            TaskId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            ReportedOn = t.Column<DateOnly>(nullable: false),
            Text = t.Column<string>(nullable: false),
            RequestsClose = t.Column<bool>(nullable: false),
            AttachmentName = t.Column<string>(maxLength: 260, nullable: true),
            AttachmentStoredName = t.Column<string>(maxLength: 100, nullable: true),
            AttachmentSize = t.Column<long>(nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionReports", x => x.Id);
            t.ForeignKey("FK_SupervisionReports_SupervisionTasks_TaskId", x => x.TaskId, "SupervisionTasks", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SupervisionReports_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("SupervisionEvents", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            TaskId = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            Note = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionEvents", x => x.Id);
            t.ForeignKey("FK_SupervisionEvents_SupervisionTasks_TaskId", x => x.TaskId, "SupervisionTasks", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateIndex("IX_SupervisionTasks_Code", "SupervisionTasks", "Code", unique: true);
        mb.CreateIndex("IX_SupervisionTasks_AssignedOn", "SupervisionTasks", "AssignedOn");
        mb.CreateIndex("IX_SupervisionTasks_Deadline", "SupervisionTasks", "Deadline");
        mb.CreateIndex("IX_SupervisionTasks_LeadUnitId", "SupervisionTasks", "LeadUnitId");
        mb.CreateIndex("IX_SupervisionTaskUnits_UnitId", "SupervisionTaskUnits", "UnitId");
        mb.CreateIndex("IX_SupervisionReports_TaskId", "SupervisionReports", "TaskId");
        mb.CreateIndex("IX_SupervisionReports_UnitId", "SupervisionReports", "UnitId");
        mb.CreateIndex("IX_SupervisionEvents_TaskId", "SupervisionEvents", "TaskId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "SupervisionEvents", "SupervisionReports", "SupervisionTaskUnits", "SupervisionTasks" })
            mb.DropTable(table);
    }
}
