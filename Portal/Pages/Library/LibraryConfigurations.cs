using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Pages.Library;

internal sealed class SourceFileConfiguration : IEntityTypeConfiguration<SourceFile>
{
    public void Configure(EntityTypeBuilder<SourceFile> e)
    {
        e.Property(f => f.OriginalName).HasMaxLength(260).IsRequired();
        e.Property(f => f.StoredName).HasMaxLength(100).IsRequired();
        e.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        e.Property(f => f.UploadedBy).HasMaxLength(256);
        e.HasIndex(f => f.Sha256);
    }
}

/// <summary>
/// The library's additions to <see cref="Document"/> (the foundation configures the rest). The two links are plain
/// indexed columns without database foreign keys: SQLite cannot add a foreign key to an existing table without
/// rebuilding it, and a hand-written migration has no target model for EF to rebuild from. The code keeps them
/// consistent instead (<see cref="DocumentService.DeleteAsync"/> releases duplicates of a deleted document).
/// </summary>
internal sealed class DocumentLibraryConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> e)
    {
        e.HasIndex(d => d.SourceFileId);
        e.HasIndex(d => d.DuplicateOfId);
    }
}
