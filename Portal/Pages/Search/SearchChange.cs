using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Pages.Search;

/// <summary>
/// One row per changed item (a library document or an information submission), written in the same transaction as the
/// change itself. The search index follows these rows after commit (<see cref="SearchIndexFollower"/>); the id is the
/// change number the index records as applied, so a crash between the commit and the index loses nothing.
/// </summary>
public sealed class SearchChange
{
    public const string DocumentSource = "document";
    public const string SubmissionSource = "submission";

    public long Id { get; set; }
    /// <summary>Which feature's row: <see cref="DocumentSource"/> or <see cref="SubmissionSource"/> (the index key's source).</summary>
    public string Source { get; set; } = "";
    public int EntityId { get; set; }
    /// <summary>UTC.</summary>
    public DateTime ChangedAt { get; set; }
}

internal sealed class SearchChangeConfiguration : IEntityTypeConfiguration<SearchChange>
{
    public void Configure(EntityTypeBuilder<SearchChange> e)
    {
        e.ToTable("SearchChanges");
        e.Property(c => c.Source).HasMaxLength(20).IsRequired();
        // verify asks for the latest change of every key.
        e.HasIndex(c => new { c.Source, c.EntityId });
    }
}
