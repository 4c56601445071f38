using System.ComponentModel.DataAnnotations;
using Parley.Core.Events;

namespace Parley.Server.Realtime;

/// <summary>The event bus between servers; configured under Parley:Events.</summary>
public sealed class EventBusOptions
{
    public const string Section = "Parley:Events";

    /// <summary>
    /// A StackExchange.Redis configuration string (e.g. "localhost:6379"). When set, events travel between
    /// servers over Redis pub/sub; when empty, they stay in this process (one server).
    /// </summary>
    [MaxLength(1000)] public string? Redis { get; set; }

    /// <summary>The pub/sub channel; servers sharing a database must share it.</summary>
    [MinLength(1), MaxLength(200)] public string Channel { get; set; } = "parley:events";
}

/// <summary>One server: an event goes straight to this server's streams.</summary>
public sealed class InProcessEventBus(EventHub hub) : IEventPublisher
{
    public void Publish(ParleyEvent e) => hub.Deliver(e);
}

public static class EventBusSetup
{
    public static IServiceCollection AddParleyEventBus(this IServiceCollection services, EventBusOptions options)
    {
        services.AddSingleton<EventHub>();
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            services.AddSingleton<IEventPublisher, InProcessEventBus>();
        }
        else
        {
            services.AddSingleton<RedisEventBus>();
            services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<RedisEventBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisEventBus>());
            services.AddHealthChecks().AddCheck<RedisEventBus>("events", tags: ["ready"]);
        }
        return services;
    }
}
