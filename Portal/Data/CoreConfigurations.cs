using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Identity;

namespace Portal.Data;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.Property(u => u.Name).HasMaxLength(100).IsRequired();
        e.Property(u => u.ShortName).HasMaxLength(50);
        e.HasIndex(u => u.Name).IsUnique();
    }
}

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> e)
    {
        e.Property(d => d.Title).HasMaxLength(500).IsRequired();
        e.Property(d => d.DocNumber).HasMaxLength(100);
        e.Property(d => d.DocType).HasMaxLength(20).IsRequired();
        e.Property(d => d.IssuingUnitName).HasMaxLength(200);
        e.Property(d => d.SourceFileName).HasMaxLength(260);
        e.Property(d => d.ContentHash).HasMaxLength(64).IsRequired();
        e.HasIndex(d => d.ContentHash);
        e.HasIndex(d => d.DocDate);
        e.HasOne(d => d.IssuingUnit).WithMany().HasForeignKey(d => d.IssuingUnitId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(d => d.Grants).WithOne().HasForeignKey(g => g.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentGrantConfiguration : IEntityTypeConfiguration<DocumentGrant>
{
    public void Configure(EntityTypeBuilder<DocumentGrant> e)
    {
        e.Property(g => g.Role).HasMaxLength(20);
        e.HasIndex(g => g.DocumentId);
        e.HasOne<Unit>().WithMany().HasForeignKey(g => g.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(100).IsRequired();
        e.Property(a => a.Entity).HasMaxLength(100);
        e.Property(a => a.EntityId).HasMaxLength(100);
        e.Property(a => a.ClientAddress).HasMaxLength(45);
        e.HasIndex(a => a.At);
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        e.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        // Added to a table that has rows (migration 0010): existing accounts are active and keep their password.
        e.Property(u => u.IsDisabled).HasDefaultValue(false);
        e.Property(u => u.MustChangePassword).HasDefaultValue(false);
    }
}
