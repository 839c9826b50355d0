using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Indexing.Analysis;
using Portal.Indexing.Search;
using Portal.Indexing.Search.Lucene;

namespace Portal.Pages.Search;

public static class SearchRegistration
{
    /// <summary>
    /// The search feature: the engine (its index in a local directory), the change log features write through, the
    /// follower that applies the changes after commit, the sources (library, submissions), pages, API, verify check.
    /// </summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchEngineOptions>().BindConfiguration("Search")
            .PostConfigure<IConfiguration, IHostEnvironment, PortalConnection>((o, config, env, connection) => o.IndexPath = IndexPath(config, env, connection));
        services.AddOptions<SearchPageOptions>().BindConfiguration("Search");
        services.AddOptions<SearchFollowerOptions>().BindConfiguration("Search");
        // Documents and queries are analysed with the user dictionary the index was last rebuilt with (see UserDictionary).
        services.AddSingleton(sp => new TextAnalysis(Admin.UserDictionary.AnalyzerFor(
            Admin.UserDictionary.Parse(Admin.UserDictionary.IndexedSnapshot(sp.GetRequiredService<PortalConnection>())))));
        services.AddScoped<Admin.UserDictionaryService>();
        services.AddSingleton<Admin.UserDictionaryWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Admin.UserDictionaryWatcher>());
        services.AddSingleton(sp => new Highlighter(sp.GetRequiredService<TextAnalysis>()));
        // Disposed (index closed) by the container at shutdown, after the follower has stopped.
        services.AddSingleton<ISearchEngine>(sp =>
            new LuceneSearchEngine(sp.GetRequiredService<IOptions<SearchEngineOptions>>().Value, sp.GetRequiredService<TextAnalysis>()));
        services.AddSingleton<SearchIndexFollower>();
        // Registered after the database initializer, so the tables exist when the index catches up.
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexFollower>());
        services.AddScoped<SearchChangeLog>();
        services.AddScoped<PendingSearchChanges>();
        services.AddScoped<IInterceptor, SearchCommitInterceptor>();
        services.AddScoped<ISearchSource, Library.DocumentSearchSource>();
        services.AddScoped<ISearchSource, Submissions.SubmissionSearchSource>();
        services.AddScoped<SearchSourceSet>();
        services.AddScoped<SearchService>();
        services.AddScoped<DocumentSearchExtras>();
        services.AddScoped<IVerifyCheck, SearchIndexCheck>();
        return services;
    }

    /// <summary>
    /// Where this instance keeps its index (<c>Search:IndexPath</c>): by default beside the SQLite file, or on PostgreSQL
    /// under the content root; always local to the instance, never shared (each instance follows the change rows itself).
    /// </summary>
    public static string IndexPath(IConfiguration config, IHostEnvironment env, PortalConnection connection)
    {
        var configured = config["Search:IndexPath"];
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.IsPathRooted(configured) ? configured : Path.Combine(env.ContentRootPath, configured);
        var dataSource = connection.IsSqlite ? new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource : null;
        return dataSource is { Length: > 0 } && dataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } dir
            ? Path.Combine(dir, "search-index")
            : Path.Combine(env.ContentRootPath, "App_Data", "search-index");
    }
}

/// <summary>Page-level settings (section <c>Search</c>).</summary>
public sealed class SearchPageOptions
{
    public int PageSize { get; set; } = 10;
    public int SimilarCount { get; set; } = 5;
    public int SuggestCount { get; set; } = 8;
}
