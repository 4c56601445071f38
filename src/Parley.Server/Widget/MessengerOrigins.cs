using Microsoft.AspNetCore.Cors.Infrastructure;
using Parley.Core.Accounts;

namespace Parley.Server.Widget;

/// <summary>
/// Which websites may embed the messenger: Parley's own pages (the demo shop) and the origins an admin
/// allowed in Messaging settings. The same rule answers the messenger's config (embedAllowed) and the
/// browser's CORS checks on the messenger API, so a page that is not allowed can neither show the
/// messenger nor call its API from script.
/// </summary>
public static class MessengerOrigins
{
    public const string Policy = "messenger";

    public static bool IsAllowed(HttpContext http, AccountSettings settings)
    {
        var origin = http.Request.Headers.Origin.FirstOrDefault();
        return string.IsNullOrEmpty(origin) || IsSameOrigin(http, origin) || SettingsService.AllowsOrigin(settings, origin);
    }

    private static bool IsSameOrigin(HttpContext http, string origin) =>
        string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddMessengerCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddTransient<ICorsPolicyProvider, MessengerCorsPolicyProvider>();
        return services;
    }

    /// <summary>Builds the CORS policy per request from the current settings.</summary>
    private sealed class MessengerCorsPolicyProvider(SettingsService settings) : ICorsPolicyProvider
    {
        public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
        {
            if (policyName != Policy)
            {
                return null;
            }
            var current = await settings.GetAsync(context.RequestAborted);
            return new CorsPolicyBuilder()
                .SetIsOriginAllowed(origin => IsSameOrigin(context, origin) || SettingsService.AllowsOrigin(current, origin))
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "Last-Event-ID")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
                .Build();
        }
    }
}
