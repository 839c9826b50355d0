using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

public class AnonymousAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Every routed endpoint of the application, with route parameters filled in.</summary>
    public static IEnumerable<(string Url, bool AllowsAnonymous)> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Url: "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { IsOptional: true } => "",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "1",
                    _ => "",
                })))).TrimEnd('/'),
                AllowsAnonymous: e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .Select(x => (x.Url.Length == 0 ? "/" : x.Url, x.AllowsAnonymous))
            .Distinct()
            .ToList();

    [Fact]
    public async Task EveryPage_RedirectsAnonymousUsers_ToSignIn()
    {
        var client = factory.CreatePlainClient();
        var endpoints = Endpoints(factory.Services).ToList();
        Assert.Contains(endpoints, e => e.Url == "/Library");
        var open = new[] { "/Account/Login", "/Account/AccessDenied", "/Error", "/healthz" };
        foreach (var (url, anonymous) in endpoints)
        {
            if (open.Contains(url, StringComparer.OrdinalIgnoreCase))
            {
                Assert.True(anonymous, $"{url} should allow anonymous access");
                continue;
            }
            Assert.False(anonymous, $"{url} must require sign-in");
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} to an anonymous user");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery.Replace("http://localhost", ""));
        }
    }

    [Fact]
    public async Task Healthz_Is200_WhenTheDatabaseAnswers()
    {
        var response = await factory.CreatePlainClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        var response = await factory.CreatePlainClient().GetAsync("/Account/Login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline' ;script", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"zh-CN\"", html);
        Assert.DoesNotContain("http://", html.Replace("http://localhost", ""));
        Assert.DoesNotContain("https://", html);
    }
}

/// <summary>/healthz with the database gone (its directory removed): 503, not 500 and not 200.</summary>
public class HealthzWithoutDatabaseTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    [Fact]
    public async Task Healthz_Is503_WhenTheDatabaseIsGone()
    {
        var client = _factory.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        _factory.RemoveDatabase();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
