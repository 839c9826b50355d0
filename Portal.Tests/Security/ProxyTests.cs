using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>The portal with one proxy configured (10.0.0.2); requests say which address they come from (see <see cref="PeerAddress"/>).</summary>
public sealed class ProxiedPortalFactory : PortalFactory
{
    public const string Proxy = "10.0.0.2";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:ForwardedHeaders:KnownProxies:0"] = Proxy };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, PeerAddress>());
    }

    /// <summary>
    /// The address of the TCP peer, as a socket would give it: taken from the test's own header before anything else
    /// runs (the in-process server has no socket).
    /// </summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove("X-Test-Peer", out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Behind the office's TLS proxy: X-Forwarded-Proto and -For from a configured proxy make the sign-in cookie Secure,
/// keep redirects on https and put the user's address in the audit log; the same headers from any other address change
/// nothing.
/// </summary>
public class ProxyTests(ProxiedPortalFactory factory) : IClassFixture<ProxiedPortalFactory>
{
    private const string User = "192.168.5.23";

    private HttpClient ClientFrom(string peer) =>
        factory.CreateDefaultClient(new CookieContainerHandler(), new Headers(new()
        {
            ["X-Test-Peer"] = peer, ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = User,
        }));

    private sealed class Headers(Dictionary<string, string> headers) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            return base.SendAsync(request, ct);
        }
    }

    private async Task<(HttpResponseMessage SignIn, string? Redirect, string? Address)> VisitAsync(string peer)
    {
        var client = ClientFrom(peer);
        var redirect = (await client.GetAsync("/Supervision")).Headers.Location?.OriginalString;
        var before = factory.Db(db => db.AuditEntries.Max(e => (long?)e.Id) ?? 0);
        var signIn = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "demo.staff", ["Input.Password"] = Portal.Demo.DemoUnitsAndUsers.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var address = factory.Db(db => db.AuditEntries.Where(e => e.Id > before && e.Action == "登录成功").Select(e => e.ClientAddress).Single());
        return (signIn, redirect, address);
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));

    [Fact]
    public async Task FromTheConfiguredProxy_CookieIsSecure_RedirectsKeepHttps_AndTheAuditHasTheUsersAddress()
    {
        var (signIn, redirect, address) = await VisitAsync(ProxiedPortalFactory.Proxy);
        Assert.Contains("; secure", AuthCookie(signIn), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("https://", redirect);
        Assert.Equal(User, address);
    }

    [Fact]
    public async Task FromAnyOtherAddress_TheHeadersChangeNothing()
    {
        var (signIn, redirect, address) = await VisitAsync("10.0.0.9");
        Assert.DoesNotContain("; secure", AuthCookie(signIn), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("http://", redirect);
        Assert.Equal("10.0.0.9", address);
    }
}
