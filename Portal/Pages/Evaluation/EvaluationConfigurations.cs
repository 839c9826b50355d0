using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Pages.Evaluation;

internal sealed class EvaluationRoundConfiguration : IEntityTypeConfiguration<EvaluationRound>
{
    public void Configure(EntityTypeBuilder<EvaluationRound> e)
    {
        e.ToTable("EvaluationRounds");
        e.Property(r => r.Name).HasMaxLength(200).IsRequired();
        e.Property(r => r.BasisDoc).HasMaxLength(200);
        e.Property(r => r.LockedBy).HasMaxLength(256);
        e.Ignore(r => r.MaxTotal);
        e.HasMany(r => r.Components).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Participants).WithOne().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Quotas).WithOne().HasForeignKey(q => q.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvaluationComponentConfiguration : IEntityTypeConfiguration<EvaluationComponent>
{
    public void Configure(EntityTypeBuilder<EvaluationComponent> e)
    {
        e.ToTable("EvaluationComponents");
        e.Property(c => c.Group).HasMaxLength(50).IsRequired();
        e.Property(c => c.Name).HasMaxLength(100).IsRequired();
        e.Ignore(c => c.IsEntered);
        e.Ignore(c => c.EntryMax);
    }
}

internal sealed class EvaluationParticipantConfiguration : IEntityTypeConfiguration<EvaluationParticipant>
{
    public void Configure(EntityTypeBuilder<EvaluationParticipant> e)
    {
        e.ToTable("EvaluationParticipants");
        e.HasIndex(p => new { p.RoundId, p.UnitId }).IsUnique();
        e.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvaluationQuotaConfiguration : IEntityTypeConfiguration<EvaluationQuota>
{
    public void Configure(EntityTypeBuilder<EvaluationQuota> e)
    {
        e.ToTable("EvaluationQuotas");
        e.HasIndex(q => new { q.RoundId, q.UnitKind }).IsUnique();
    }
}

internal sealed class EvaluationScoreConfiguration : IEntityTypeConfiguration<EvaluationScore>
{
    public void Configure(EntityTypeBuilder<EvaluationScore> e)
    {
        e.ToTable("EvaluationScores");
        e.Property(s => s.Comment).HasMaxLength(500);
        e.Property(s => s.EnteredBy).HasMaxLength(256);
        e.HasIndex(s => new { s.ComponentId, s.UnitId }).IsUnique();
        e.HasOne<EvaluationRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<EvaluationComponent>().WithMany().HasForeignKey(s => s.ComponentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PeerRecommendationConfiguration : IEntityTypeConfiguration<PeerRecommendation>
{
    public void Configure(EntityTypeBuilder<PeerRecommendation> e)
    {
        e.ToTable("EvaluationRecommendations");
        e.HasIndex(r => new { r.RoundId, r.FromUnitId, r.ToUnitId }).IsUnique();
        e.HasOne<EvaluationRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(r => r.FromUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(r => r.ToUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvaluationDeductionConfiguration : IEntityTypeConfiguration<EvaluationDeduction>
{
    public void Configure(EntityTypeBuilder<EvaluationDeduction> e)
    {
        e.ToTable("EvaluationDeductions");
        e.Property(d => d.Reason).HasMaxLength(500).IsRequired();
        e.Property(d => d.EnteredBy).HasMaxLength(256);
        e.HasOne<EvaluationRound>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvaluationTieDecisionConfiguration : IEntityTypeConfiguration<EvaluationTieDecision>
{
    public void Configure(EntityTypeBuilder<EvaluationTieDecision> e)
    {
        e.ToTable("EvaluationTieDecisions");
        e.Property(d => d.CutoffKey).HasMaxLength(60).IsRequired();
        e.Property(d => d.TiedUnits).HasMaxLength(2000).IsRequired();
        e.Property(d => d.GrantedUnits).HasMaxLength(2000).IsRequired();
        e.Property(d => d.Reason).HasMaxLength(500).IsRequired();
        e.Property(d => d.DecidedBy).HasMaxLength(256);
        e.HasIndex(d => new { d.RoundId, d.CutoffKey }).IsUnique();
        e.HasOne<EvaluationRound>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
