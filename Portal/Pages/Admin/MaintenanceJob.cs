using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Pages.Admin;

/// <summary>
/// A long maintenance job that must run once at a time across instances (the index rebuild): one row per job, whose
/// lease an instance takes by a conditional update and renews while it works; its progress is read by every instance.
/// </summary>
public class MaintenanceJob
{
    public const string Reindex = "reindex";

    public string Name { get; set; } = "";
    /// <summary>The instance (and run) holding the lease; null when nobody runs the job.</summary>
    public string? Holder { get; set; }
    /// <summary>Until when the lease holds: a holder that died lets it expire, and the next start takes over.</summary>
    public DateTime? LeaseUntil { get; set; }
    public string? StartedBy { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }
    /// <summary>The outcome of the last run, in Chinese.</summary>
    public string? Message { get; set; }
}

internal sealed class MaintenanceJobConfiguration : IEntityTypeConfiguration<MaintenanceJob>
{
    public void Configure(EntityTypeBuilder<MaintenanceJob> e)
    {
        e.ToTable("MaintenanceJobs");
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(64);
        e.Property(x => x.Holder).HasMaxLength(100);
        e.Property(x => x.StartedBy).HasMaxLength(256);
        e.Property(x => x.Message).HasMaxLength(500);
    }
}
