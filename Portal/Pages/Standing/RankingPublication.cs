using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Pages.Standing;

/// <summary>The rankings staff may publish to every unit (ranks only, never the other units' figures).</summary>
public enum PublishedRanking { Submissions = 1, Supervision = 2 }

/// <summary>Staff published a year's ranking to the units: each liaison then sees every unit's rank on 本单位统计.</summary>
public class RankingPublication
{
    private RankingPublication() { }

    public RankingPublication(PublishedRanking ranking, int year, string publishedBy, DateTime publishedAt) =>
        (Ranking, Year, PublishedBy, PublishedAt) = (ranking, year, publishedBy, publishedAt);

    public PublishedRanking Ranking { get; private set; }
    public int Year { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public DateTime PublishedAt { get; private set; }
}

internal sealed class RankingPublicationConfiguration : IEntityTypeConfiguration<RankingPublication>
{
    public void Configure(EntityTypeBuilder<RankingPublication> e)
    {
        e.ToTable("RankingPublications");
        e.HasKey(p => new { p.Ranking, p.Year });
        e.Property(p => p.PublishedBy).HasMaxLength(256).IsRequired();
    }
}
