namespace Portal.Infrastructure;

/// <summary>
/// Headers on every response. The CSP allows scripts only from our own files (no inline script),
/// nothing from outside the intranet, and no framing by other sites.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task Invoke(HttpContext context)
    {
        var h = context.Response.Headers;
        h["Content-Security-Policy"] = Csp;
        h["X-Content-Type-Options"] = "nosniff";
        h["X-Frame-Options"] = "DENY";
        h["Referrer-Policy"] = "same-origin";
        return next(context);
    }
}
