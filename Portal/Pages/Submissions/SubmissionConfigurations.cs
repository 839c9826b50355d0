using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Pages.Submissions;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> e)
    {
        e.ToTable("Submissions");
        e.Property(s => s.Title).HasMaxLength(Submission.TitleMaxLength).IsRequired();
        e.Property(s => s.Body).IsRequired();
        e.Property(s => s.SubmittedBy).HasMaxLength(256).IsRequired();
        e.Property(s => s.ReviewComment).HasMaxLength(1000);
        e.Property(s => s.ReviewedBy).HasMaxLength(256);
        e.Property(s => s.AttachmentName).HasMaxLength(260);
        e.Property(s => s.AttachmentStoredName).HasMaxLength(100);
        e.Property(s => s.AttachmentContentType).HasMaxLength(100);
        e.HasIndex(s => new { s.UnitId, s.SubmittedOn });
        e.HasIndex(s => s.SubmittedOn);
        e.HasIndex(s => s.Status);
        e.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Adoptions).WithOne().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Instructions).WithOne().HasForeignKey(i => i.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(s => s.Adoptions).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(s => s.Instructions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AdoptionConfiguration : IEntityTypeConfiguration<Adoption>
{
    public void Configure(EntityTypeBuilder<Adoption> e)
    {
        e.ToTable("SubmissionAdoptions");
        e.Property(a => a.Publication).HasMaxLength(Adoption.PublicationMaxLength);
        e.Property(a => a.RecordedBy).HasMaxLength(256).IsRequired();
        // An item is adopted at most once per level.
        e.HasIndex(a => new { a.SubmissionId, a.Level }).IsUnique();
    }
}

internal sealed class LeaderInstructionConfiguration : IEntityTypeConfiguration<LeaderInstruction>
{
    public void Configure(EntityTypeBuilder<LeaderInstruction> e)
    {
        e.ToTable("SubmissionInstructions");
        e.Property(i => i.Leader).HasMaxLength(LeaderInstruction.LeaderMaxLength).IsRequired();
        e.Property(i => i.Content).HasMaxLength(LeaderInstruction.ContentMaxLength);
        e.Property(i => i.RecordedBy).HasMaxLength(256).IsRequired();
        e.HasIndex(i => i.SubmissionId);
    }
}

internal sealed class ScoringRuleConfiguration : IEntityTypeConfiguration<ScoringRule>
{
    public void Configure(EntityTypeBuilder<ScoringRule> e)
    {
        e.ToTable("SubmissionScoringRules");
        e.Property(r => r.UpdatedBy).HasMaxLength(256);
        e.HasIndex(r => r.Year).IsUnique();
        e.HasMany(r => r.CategoryBonuses).WithOne().HasForeignKey(b => b.ScoringRuleId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(r => r.CategoryBonuses).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(r => r.Points);
    }
}

internal sealed class CategoryBonusConfiguration : IEntityTypeConfiguration<CategoryBonus>
{
    public void Configure(EntityTypeBuilder<CategoryBonus> e)
    {
        e.ToTable("SubmissionCategoryBonuses");
        e.HasIndex(b => new { b.ScoringRuleId, b.Category }).IsUnique();
    }
}
