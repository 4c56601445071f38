using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Parley.Server.Auth;

namespace Parley.Server.Operations;

/// <summary>Request budgets; configured under Parley:RateLimits.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Parley:RateLimits";

    /// <summary>New messenger sessions per client address per minute.</summary>
    [Range(1, 1_000_000)] public int SessionsPerMinute { get; set; } = 30;
    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, 1_000_000)] public int SignInsPerMinute { get; set; } = 10;
    /// <summary>Messenger requests per session per minute.</summary>
    [Range(1, 1_000_000)] public int MessengerRequestsPerMinute { get; set; } = 120;
}

/// <summary>Rate limits on the messenger API and sign-in, answered with 429 and Retry-After.</summary>
public static class RateLimits
{
    public const string MessengerSessions = "messenger-sessions";
    public const string Messenger = "messenger";
    public const string SignIn = "sign-in";

    public static IServiceCollection AddParleyRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, configured) =>
        {
            var limits = configured.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(MessengerSessions, http => PerMinute(ClientAddress(http), limits.SessionsPerMinute));
            o.AddPolicy(SignIn, http => PerMinute(ClientAddress(http), limits.SignInsPerMinute));
            o.AddPolicy(Messenger, http => PerMinute(
                http.User.FindFirst(ParleyClaims.EndUserId)?.Value ?? ClientAddress(http), limits.MessengerRequestsPerMinute));
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
