using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>Evaluation rounds (年度考评) with their scheme, participants, quotas, entered scores, recommendations and deductions.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000050_Evaluation")]
public sealed class Migration0005_Evaluation : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("EvaluationRounds", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            PeriodStart = t.Column<DateOnly>(nullable: false),
            PeriodEnd = t.Column<DateOnly>(nullable: false),
            BasisDoc = t.Column<string>(maxLength: 200, nullable: true),
            GradeMethod = t.Column<int>(nullable: false),
            ExcellentMin = t.Column<decimal>(nullable: false),
            GoodMin = t.Column<decimal>(nullable: false),
            PassMin = t.Column<decimal>(nullable: false),
            ExcellentShare = t.Column<decimal>(nullable: false),
            GoodShare = t.Column<decimal>(nullable: false),
            IsLocked = t.Column<bool>(nullable: false),
            LockedBy = t.Column<string>(maxLength: 256, nullable: true),
            LockedAt = t.Column<DateTime>(nullable: true),
            PublishedJson = t.Column<string>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_EvaluationRounds", x => x.Id));

        mb.CreateTable("EvaluationComponents", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoundId = t.Column<int>(nullable: false),
            Group = t.Column<string>(maxLength: 50, nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            MaxPoints = t.Column<decimal>(nullable: false),
            Method = t.Column<int>(nullable: false),
            EntryScale = t.Column<decimal>(nullable: true),
            PointsPerError = t.Column<decimal>(nullable: false),
            AwardCount = t.Column<int>(nullable: false),
            SortOrder = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationComponents", x => x.Id);
            t.ForeignKey("FK_EvaluationComponents_EvaluationRounds_RoundId", x => x.RoundId, "EvaluationRounds", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("EvaluationParticipants", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoundId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            Participates = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationParticipants", x => x.Id);
            t.ForeignKey("FK_EvaluationParticipants_EvaluationRounds_RoundId", x => x.RoundId, "EvaluationRounds", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EvaluationParticipants_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("EvaluationQuotas", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoundId = t.Column<int>(nullable: false),
            UnitKind = t.Column<int>(nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationQuotas", x => x.Id);
            t.ForeignKey("FK_EvaluationQuotas_EvaluationRounds_RoundId", x => x.RoundId, "EvaluationRounds", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("EvaluationScores", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoundId = t.Column<int>(nullable: false),
            ComponentId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            Value = t.Column<decimal>(nullable: false),
            Comment = t.Column<string>(maxLength: 500, nullable: true),
            EnteredBy = t.Column<string>(maxLength: 256, nullable: true),
            EnteredAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationScores", x => x.Id);
            t.ForeignKey("FK_EvaluationScores_EvaluationRounds_RoundId", x => x.RoundId, "EvaluationRounds", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EvaluationScores_EvaluationComponents_ComponentId", x => x.ComponentId, "EvaluationComponents", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EvaluationScores_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("EvaluationRecommendations", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoundId = t.Column<int>(nullable: false),
            FromUnitId = t.Column<int>(nullable: false),
            ToUnitId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationRecommendations", x => x.Id);
            t.ForeignKey("FK_EvaluationRecommendations_EvaluationRounds_RoundId", x => x.RoundId, "EvaluationRounds", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EvaluationRecommendations_Units_FromUnitId", x => x.FromUnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_EvaluationRecommendations_Units_ToUnitId", x => x.ToUnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("EvaluationDeductions", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoundId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            Points = t.Column<decimal>(nullable: false),
            Reason = t.Column<string>(maxLength: 500, nullable: false),
            EnteredBy = t.Column<string>(maxLength: 256, nullable: true),
            EnteredAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EvaluationDeductions", x => x.Id);
            t.ForeignKey("FK_EvaluationDeductions_EvaluationRounds_RoundId", x => x.RoundId, "EvaluationRounds", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EvaluationDeductions_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateIndex("IX_EvaluationComponents_RoundId", "EvaluationComponents", "RoundId");
        mb.CreateIndex("IX_EvaluationParticipants_RoundId_UnitId", "EvaluationParticipants", new[] { "RoundId", "UnitId" }, unique: true);
        mb.CreateIndex("IX_EvaluationParticipants_UnitId", "EvaluationParticipants", "UnitId");
        mb.CreateIndex("IX_EvaluationQuotas_RoundId_UnitKind", "EvaluationQuotas", new[] { "RoundId", "UnitKind" }, unique: true);
        mb.CreateIndex("IX_EvaluationScores_ComponentId_UnitId", "EvaluationScores", new[] { "ComponentId", "UnitId" }, unique: true);
        mb.CreateIndex("IX_EvaluationScores_RoundId", "EvaluationScores", "RoundId");
        mb.CreateIndex("IX_EvaluationScores_UnitId", "EvaluationScores", "UnitId");
        mb.CreateIndex("IX_EvaluationRecommendations_RoundId_FromUnitId_ToUnitId", "EvaluationRecommendations", new[] { "RoundId", "FromUnitId", "ToUnitId" }, unique: true);
        mb.CreateIndex("IX_EvaluationRecommendations_FromUnitId", "EvaluationRecommendations", "FromUnitId");
        mb.CreateIndex("IX_EvaluationRecommendations_ToUnitId", "EvaluationRecommendations", "ToUnitId");
        mb.CreateIndex("IX_EvaluationDeductions_RoundId", "EvaluationDeductions", "RoundId");
        mb.CreateIndex("IX_EvaluationDeductions_UnitId", "EvaluationDeductions", "UnitId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "EvaluationDeductions", "EvaluationRecommendations", "EvaluationScores", "EvaluationQuotas", "EvaluationParticipants", "EvaluationComponents", "EvaluationRounds" })
            mb.DropTable(table);
    }
}
