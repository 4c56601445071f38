using Parley.Core;

namespace Parley.Server.Auth;

/// <summary>
/// Keeps other sites from posting forms with an agent's cookie. The JSON API needs no token for that: the
/// cookie is SameSite=Strict, and a cross-origin JSON request needs a CORS preflight that /api never grants.
/// A multipart form is different: any page may send one without a preflight, and a page on a sibling
/// subdomain is "same-site", so the Strict cookie rides along. Cookie-authenticated form posts must
/// therefore come from Parley's own origin, as the browser reports it (Sec-Fetch-Site, else Origin).
/// Requests without either header do not come from a browser page; API tokens are never sent by forms.
/// </summary>
public sealed class SameOriginForms : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType == AuthSetup.AgentCookie && !FromOwnOrigin(http.Request))
        {
            throw ParleyProblem.Forbidden("cross-origin-form", "A form signed in with the agent cookie must come from Parley's own pages.");
        }
        return next(context);
    }

    public static bool FromOwnOrigin(HttpRequest request)
    {
        // The browser's own verdict; it also holds behind a proxy that changes the scheme or host.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
