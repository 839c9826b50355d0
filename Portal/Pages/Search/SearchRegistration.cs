using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;

namespace Portal.Pages.Search;

public static class SearchRegistration
{
    /// <summary>The search feature: engine (SQLite FTS5 or PostgreSQL), indexing beside DocumentService, pages, API, verify check.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchEngineOptions>().BindConfiguration("Search");
        services.AddOptions<SearchPageOptions>().BindConfiguration("Search");
        services.AddSingleton(sp => new Highlighter(sp.GetRequiredService<TextAnalysis>()));
        // PostgreSQL: full-text search of its own (tsvector); SQLite: FTS5.
        services.AddSingleton<ILegacySearchEngine>(sp => sp.GetRequiredService<PortalConnection>().IsPostgres
            ? new PgSearchEngine(sp.GetRequiredService<TextAnalysis>(), sp.GetRequiredService<IOptions<SearchEngineOptions>>().Value)
            : new Fts5SearchEngine(sp.GetRequiredService<TextAnalysis>(), sp.GetRequiredService<IOptions<SearchEngineOptions>>().Value));
        services.AddScoped<SearchIndexer>();
        services.AddScoped<SearchService>();
        services.AddScoped<DocumentSearchExtras>();
        services.AddScoped<IVerifyCheck, SearchIndexCheck>();
        // Registered after the database initializer, so the tables exist when the index is reconciled.
        services.AddHostedService<SearchIndexInitializer>();
        return services;
    }
}

/// <summary>Page-level settings (section <c>Search</c>).</summary>
public sealed class SearchPageOptions
{
    public int PageSize { get; set; } = 10;
    public int SimilarCount { get; set; } = 5;
    public int SuggestCount { get; set; } = 8;
    /// <summary>Documents written per transaction when rebuilding the index.</summary>
    public int ReindexBatchSize { get; set; } = 2000;
}
