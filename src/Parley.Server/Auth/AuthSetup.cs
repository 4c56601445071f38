using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Parley.Core.Accounts;

namespace Parley.Server.Auth;

/// <summary>Who may call what: agents by cookie or API token, end users by messenger session.</summary>
public static class AuthSetup
{
    public const string AgentCookie = "AgentCookie";
    /// <summary>Chooses the API token scheme for "Bearer pat_..." requests, the agent cookie otherwise.</summary>
    public const string AgentOrToken = "AgentOrToken";

    public const string CanRead = "read";
    public const string CanWrite = "write";
    public const string IsAdmin = "admin";
    public const string IsEndUser = "end-user";
    /// <summary>The agent workspace's pages: a signed-in agent by cookie (never an API token).</summary>
    public const string WorkspaceAgent = "workspace-agent";
    /// <summary>The admin center's pages: a signed-in agent by cookie whose role is Admin.</summary>
    public const string WorkspaceAdmin = "workspace-admin";
    public const string WorkspaceSignInPath = "/workspace/sign-in";

    public static IServiceCollection AddParleyAuth(this IServiceCollection services)
    {
        services.AddAuthentication(AgentOrToken)
            .AddPolicyScheme(AgentOrToken, AgentOrToken, o => o.ForwardDefaultSelector = ctx =>
                BearerToken.From(ctx.Request)?.StartsWith(ApiTokens.SecretPrefix, StringComparison.Ordinal) == true
                    ? ApiTokenAuthentication.SchemeName
                    : AgentCookie)
            .AddCookie(AgentCookie, o =>
            {
                o.Cookie.Name = "parley.agent";
                o.Cookie.HttpOnly = true;
                // Strict keeps other sites from riding an agent's session (no cross-site POST carries it).
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = RedirectToSignInOr401;
                o.Events.OnRedirectToAccessDenied = ForbidAsync;
                o.Events.OnValidatePrincipal = RevalidateAgentAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, MessengerAuthentication>(MessengerAuthentication.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(CanRead, p => p.AddAuthenticationSchemes(AgentOrToken).RequireClaim(ParleyClaims.Scope, "read"))
            .AddPolicy(CanWrite, p => p.AddAuthenticationSchemes(AgentOrToken).RequireClaim(ParleyClaims.Scope, "write"))
            .AddPolicy(IsAdmin, p => p.AddAuthenticationSchemes(AgentOrToken)
                .RequireClaim(ParleyClaims.Scope, "admin").RequireClaim(ParleyClaims.Role, nameof(AgentRole.Admin)))
            .AddPolicy(IsEndUser, p => p.AddAuthenticationSchemes(MessengerAuthentication.SchemeName)
                .RequireClaim(ParleyClaims.EndUserId))
            .AddPolicy(WorkspaceAgent, p => p.AddAuthenticationSchemes(AgentCookie).RequireClaim(ParleyClaims.AgentId))
            .AddPolicy(WorkspaceAdmin, p => p.AddAuthenticationSchemes(AgentCookie).RequireClaim(ParleyClaims.AgentId)
                .RequireClaim(ParleyClaims.Role, nameof(AgentRole.Admin)));
        return services;
    }

    /// <summary>
    /// A browser asking for a workspace page is sent to the sign-in page; everything else (the API, the event
    /// streams) gets a plain 401 that the problem-details middleware describes.
    /// </summary>
    private static Task RedirectToSignInOr401(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        var request = ctx.Request;
        if ((request.Path.StartsWithSegments("/workspace", StringComparison.OrdinalIgnoreCase) ||
             request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)) && HttpMethods.IsGet(request.Method))
        {
            var back = request.PathBase + request.Path + request.QueryString;
            ctx.Response.Redirect(request.PathBase + WorkspaceSignInPath + "?returnUrl=" + Uri.EscapeDataString(back));
        }
        else
        {
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        return Task.CompletedTask;
    }

    /// <summary>A 403; a browser asking for an admin page also gets a short page saying so (and nothing else).</summary>
    private static Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (ctx.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(ctx.Request.Method))
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            return ctx.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed</title></head><body>" +
                "<h1>Not allowed</h1><p>Only admins can open the admin center.</p><p><a href=\"/workspace\">Back to the workspace</a></p></body></html>");
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Checks a signed-in agent against the database on each request: a deactivated agent or a changed
    /// password ends the session at once, and role or chat-access changes apply without signing in again.
    /// </summary>
    private static async Task RevalidateAgentAsync(CookieValidatePrincipalContext ctx)
    {
        var directory = ctx.HttpContext.RequestServices.GetRequiredService<AgentDirectory>();
        var principal = ctx.Principal!;
        var agent = Guid.TryParse(principal.FindFirst(ParleyClaims.AgentId)?.Value, out var id)
            ? await directory.FindActiveAsync(id, ctx.HttpContext.RequestAborted)
            : null;
        if (agent is null || agent.SecurityStamp.ToString() != principal.FindFirst(ParleyClaims.SecurityStamp)?.Value)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(AgentCookie);
            return;
        }
        if (principal.FindFirst(ParleyClaims.Role)?.Value != agent.Role.ToString() ||
            principal.FindFirst(ParleyClaims.ChatAccess)?.Value != (agent.ChatAccess ? "true" : "false") ||
            principal.FindFirst(ParleyClaims.Name)?.Value != agent.Name)
        {
            ctx.ReplacePrincipal(CookiePrincipal(agent));
            ctx.ShouldRenew = true;
        }
    }

    /// <summary>Signs an agent in with the workspace cookie (JSON sign-in and the sign-in page alike).</summary>
    public static Task SignInAgentAsync(this HttpContext http, Agent agent) => http.SignInAsync(AgentCookie, CookiePrincipal(agent));

    /// <summary>
    /// Ends the agent cookie's session and sets its agent Offline: signing out means leaving, so end users are no
    /// longer promised an answer by them. Without a valid agent cookie it only clears the cookie.
    /// </summary>
    public static async Task SignOutAgentAsync(this HttpContext http, AgentPresence presence, CancellationToken ct)
    {
        var signedIn = await http.AuthenticateAsync(AgentCookie);
        if (signedIn.Succeeded && Guid.TryParse(signedIn.Principal.FindFirst(ParleyClaims.AgentId)?.Value, out var agentId))
        {
            await presence.SignOutAsync(agentId, ct);
        }
        await http.SignOutAsync(AgentCookie);
    }

    /// <summary>A signed-in agent may do what their role allows.</summary>
    private static System.Security.Claims.ClaimsPrincipal CookiePrincipal(Agent agent)
    {
        var scopes = agent.Role == AgentRole.Admin ? ApiScopes.Read | ApiScopes.Write | ApiScopes.Admin : ApiScopes.Read | ApiScopes.Write;
        return new System.Security.Claims.ClaimsPrincipal(ParleyClaims.ForAgent(agent, scopes, AgentCookie));
    }
}
