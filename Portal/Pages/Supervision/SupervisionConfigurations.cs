using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Pages.Supervision;

internal sealed class SupervisionTaskConfiguration : IEntityTypeConfiguration<SupervisionTask>
{
    public void Configure(EntityTypeBuilder<SupervisionTask> e)
    {
        e.ToTable("SupervisionTasks");
        e.Property(t => t.Code).HasMaxLength(50).IsRequired();
        e.Property(t => t.SourceRef).HasMaxLength(200);
        e.Property(t => t.Title).HasMaxLength(300).IsRequired();
        e.Property(t => t.Requirements).IsRequired();
        e.Property(t => t.ExtensionReason).HasMaxLength(500);
        e.Property(t => t.ExtensionApprover).HasMaxLength(100);
        e.Property(t => t.Result);
        e.Property(t => t.ClosedBy).HasMaxLength(256);
        e.HasIndex(t => t.Code).IsUnique();
        e.HasIndex(t => t.AssignedOn);
        e.HasIndex(t => t.Deadline);
        e.HasOne(t => t.LeadUnit).WithMany().HasForeignKey(t => t.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.CoUnits).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(t => t.Reports).WithOne().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(t => t.Events).WithOne().HasForeignKey(v => v.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(t => t.Urges).WithOne().HasForeignKey(u => u.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(t => t.IsOpen);
        e.Ignore(t => t.IsProposal);
        e.Ignore(t => t.IsExtended);
    }
}

internal sealed class SupervisionTaskUnitConfiguration : IEntityTypeConfiguration<SupervisionTaskUnit>
{
    public void Configure(EntityTypeBuilder<SupervisionTaskUnit> e)
    {
        e.ToTable("SupervisionTaskUnits");
        e.HasKey(c => new { c.TaskId, c.UnitId });
        e.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> e)
    {
        e.ToTable("SupervisionReports");
        e.Property(r => r.Text).IsRequired();
        e.Property(r => r.AttachmentName).HasMaxLength(260);
        e.Property(r => r.AttachmentStoredName).HasMaxLength(100);
        e.Property(r => r.UserName).HasMaxLength(256);
        e.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskEventConfiguration : IEntityTypeConfiguration<TaskEvent>
{
    public void Configure(EntityTypeBuilder<TaskEvent> e)
    {
        e.ToTable("SupervisionEvents");
        e.Property(v => v.UserName).HasMaxLength(256);
    }
}

internal sealed class TaskUrgeConfiguration : IEntityTypeConfiguration<TaskUrge>
{
    public void Configure(EntityTypeBuilder<TaskUrge> e)
    {
        e.ToTable("SupervisionUrges");
        e.Property(u => u.UserName).HasMaxLength(256);
        e.Property(u => u.Message).HasMaxLength(UrgeRules.MaxMessageLength);
        e.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
