using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Localization;
using Parley.Core.Accounts;
using Parley.Server.Auth;

namespace Parley.Server.Workspace;

/// <summary>The agent workspace: Blazor components under /workspace, rendered on the server.</summary>
public static class WorkspaceSetup
{
    /// <summary>Languages the workspace is translated into; adding one is a resource file plus its name here.</summary>
    public static readonly string[] Languages = ["en", "ko"];

    public static IServiceCollection AddParleyWorkspace(this IServiceCollection services)
    {
        // An email template's HTML may be 100,000 characters, which reaches the server in one circuit message;
        // the default bound (32 KB) would drop the circuit. The editors' maxlength keeps messages under this one.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 512 * 1024);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, WorkspaceAuthenticationState>();
        services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        services.AddSingleton<WorkspaceTabs>();
        services.AddLocalization();
        services.AddScoped<CoreScope>();
        services.AddSingleton<ViewCounts>();
        return services;
    }

    /// <summary>
    /// Picks the workspace's language from the browser. Only workspace requests (and the Blazor circuit,
    /// whose culture the components use) are localized, so the API's responses never depend on it.
    /// </summary>
    public static IApplicationBuilder UseWorkspaceLocalization(this IApplicationBuilder app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/workspace") || ctx.Request.Path.StartsWithSegments("/admin") ||
                   ctx.Request.Path.StartsWithSegments("/_blazor"),
            branch => branch.UseRequestLocalization(new RequestLocalizationOptions
            {
                DefaultRequestCulture = new RequestCulture("en"),
                SupportedCultures = [.. Languages.Select(CultureInfo.GetCultureInfo)],
                SupportedUICultures = [.. Languages.Select(CultureInfo.GetCultureInfo)],
                FallBackToParentCultures = true,
                FallBackToParentUICultures = true,
            }));

    public static IEndpointRouteBuilder MapParleyWorkspace(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        // A form post (IFormCollection makes the endpoint check the antiforgery token), so no other site can sign an agent out.
        app.MapPost("/workspace/sign-out", async (HttpContext http, IFormCollection _, AgentPresence presence, CancellationToken ct) =>
        {
            await http.SignOutAgentAsync(presence, ct);
            return Results.LocalRedirect(AuthSetup.WorkspaceSignInPath);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Only workspace and admin center pages are valid places to return to after signing in.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url &&
        (url.StartsWith("/workspace", StringComparison.Ordinal) || url == "/admin" || url.StartsWith("/admin/", StringComparison.Ordinal)) &&
        !url.StartsWith(AuthSetup.WorkspaceSignInPath, StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/workspace";
}
