using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Parley.Core.Data;

namespace Parley.Server.Operations;

/// <summary>Metrics (Prometheus at /metrics), health (/healthz) and readiness (/readyz).</summary>
public static class Telemetry
{
    public static IServiceCollection AddParleyTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<ParleyMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ParleyMetrics.MeterName)
            .AddPrometheusExporter());
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapParleyOperations(this IEndpointRouteBuilder app)
    {
        // Alive: the process answers. Ready: it can reach its database with every migration applied.
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}

internal sealed class DatabaseReadyCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            return pending.Any()
                ? HealthCheckResult.Unhealthy("The database has migrations still to apply.")
                : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}
