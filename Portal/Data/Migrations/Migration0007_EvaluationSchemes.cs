using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>
/// Evaluation schemes edited per round: the recommendation limit, the date of each deduction, and the office's
/// decisions on ties at a cut-off. The new columns are nullable (rounds and deductions recorded before have none).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000070_EvaluationSchemes")]
public sealed class Migration0007_EvaluationSchemes : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("RecommendationLimit", "EvaluationRounds", nullable: true);
        mb.AddColumn<DateOnly>("OccurredOn", "EvaluationDeductions", nullable: true);

        mb.CreateTable("EvaluationTieDecisions", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoundId = t.Column<int>(nullable: false),
            CutoffKey = t.Column<string>(maxLength: 60, nullable: false),
            TiedUnits = t.Column<string>(maxLength: 2000, nullable: false),
            GrantedUnits = t.Column<string>(maxLength: 2000, nullable: false),
            Reason = t.Column<string>(maxLength: 500, nullable: false),
            DecidedBy = t.Column<string>(maxLength: 256, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationTieDecisions", x => x.Id);
            t.ForeignKey("FK_EvaluationTieDecisions_EvaluationRounds_RoundId", x => x.RoundId, "EvaluationRounds", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_EvaluationTieDecisions_RoundId_CutoffKey", "EvaluationTieDecisions", new[] { "RoundId", "CutoffKey" }, unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("EvaluationTieDecisions");
        mb.DropColumn("OccurredOn", "EvaluationDeductions");
        mb.DropColumn("RecommendationLimit", "EvaluationRounds");
    }
}
