using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>Information submissions (信息报送): items, their adoptions and 批示, the scoring rules per year.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000030_Submissions")]
public sealed class Migration0003_Submissions : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Submissions", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            UnitId = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Body = t.Column<string>(nullable: false),
            Category = t.Column<int>(nullable: false),
            SubmittedOn = t.Column<DateOnly>(nullable: false),
            SubmittedBy = t.Column<string>(maxLength: 256, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Status = t.Column<int>(nullable: false),
            ReviewComment = t.Column<string>(maxLength: 1000, nullable: true),
            ReviewedBy = t.Column<string>(maxLength: 256, nullable: true),
            AttachmentName = t.Column<string>(maxLength: 260, nullable: true),
            AttachmentStoredName = t.Column<string>(maxLength: 100, nullable: true),
            AttachmentContentType = t.Column<string>(maxLength: 100, nullable: true),
            AttachmentSize = t.Column<long>(nullable: true),
            Points = t.Column<decimal>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Submissions", x => x.Id);
            t.ForeignKey("FK_Submissions_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("SubmissionScoringRules", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Year = t.Column<int>(nullable: false),
            CityPoints = t.Column<decimal>(nullable: false),
            ProvincePoints = t.Column<decimal>(nullable: false),
            NationalPoints = t.Column<decimal>(nullable: false),
            InstructionPoints = t.Column<decimal>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            UpdatedBy = t.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_SubmissionScoringRules", x => x.Id));

        mb.CreateTable("SubmissionAdoptions", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            SubmissionId = t.Column<int>(nullable: false),
            Level = t.Column<int>(nullable: false),
            AdoptedOn = t.Column<DateOnly>(nullable: false),
            Publication = t.Column<string>(maxLength: 100, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 256, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SubmissionAdoptions", x => x.Id);
            t.ForeignKey("FK_SubmissionAdoptions_Submissions_SubmissionId", x => x.SubmissionId, "Submissions", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("SubmissionInstructions", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            SubmissionId = t.Column<int>(nullable: false),
            Leader = t.Column<string>(maxLength: 50, nullable: false),
            InstructedOn = t.Column<DateOnly>(nullable: false),
            Content = t.Column<string>(maxLength: 1000, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 256, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SubmissionInstructions", x => x.Id);
            t.ForeignKey("FK_SubmissionInstructions_Submissions_SubmissionId", x => x.SubmissionId, "Submissions", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("SubmissionCategoryBonuses", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            ScoringRuleId = t.Column<int>(nullable: false),
            Category = t.Column<int>(nullable: false),
            Points = t.Column<decimal>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SubmissionCategoryBonuses", x => x.Id);
            // PostgreSQL names are at most 63 characters; EF shortens the model's name the same way there.
            t.ForeignKey(mb.IsPostgres() ? "FK_SubmissionCategoryBonuses_SubmissionScoringRules_ScoringRul~"
                : "FK_SubmissionCategoryBonuses_SubmissionScoringRules_ScoringRuleId", x => x.ScoringRuleId, "SubmissionScoringRules", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateIndex("IX_Submissions_Status", "Submissions", "Status");
        mb.CreateIndex("IX_Submissions_SubmittedOn", "Submissions", "SubmittedOn");
        mb.CreateIndex("IX_Submissions_UnitId_SubmittedOn", "Submissions", new[] { "UnitId", "SubmittedOn" });
        mb.CreateIndex("IX_SubmissionAdoptions_SubmissionId_Level", "SubmissionAdoptions", new[] { "SubmissionId", "Level" }, unique: true);
        mb.CreateIndex("IX_SubmissionInstructions_SubmissionId", "SubmissionInstructions", "SubmissionId");
        mb.CreateIndex("IX_SubmissionScoringRules_Year", "SubmissionScoringRules", "Year", unique: true);
        mb.CreateIndex("IX_SubmissionCategoryBonuses_ScoringRuleId_Category", "SubmissionCategoryBonuses", new[] { "ScoringRuleId", "Category" }, unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "SubmissionCategoryBonuses", "SubmissionInstructions", "SubmissionAdoptions", "SubmissionScoringRules", "Submissions" })
            mb.DropTable(table);
    }
}
