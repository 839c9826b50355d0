using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure;

/// <summary>
/// Behind the office's TLS proxy the request is https and comes from the user, as the proxy says in its X-Forwarded-*
/// headers: then the sign-in cookie is Secure, redirects stay on https and the audit log has the user's address. Only
/// the proxies configured under <c>Portal:ForwardedHeaders</c> are believed (see <see cref="ForwardedHeadersSettings"/>).
/// </summary>
public static class ProxySetup
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>>(sp => new ConfigureOptions<ForwardedHeadersOptions>(o =>
        {
            var settings = sp.GetRequiredService<IOptions<PortalOptions>>().Value.ForwardedHeaders;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts the loopback address by default; here only what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            foreach (var network in settings.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
        }));
        return services;
    }
}
