using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using StackExchange.Redis;

namespace Parley.Server.Realtime;

/// <summary>
/// Several servers: an event goes to this server's streams at once and, over Redis pub/sub, to every
/// other server's. Each server skips its own events when they come back. Events are only nudges (the
/// database holds the truth and streams replay from it), so a message lost while Redis is away costs a
/// late update, never a lost message.
/// </summary>
public sealed class RedisEventBus(EventHub hub, IOptions<EventBusOptions> options, ILogger<RedisEventBus> log)
    : IEventPublisher, IHostedService, IHealthCheck, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.Channel);
    private ConnectionMultiplexer? _redis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = ConfigurationOptions.Parse(options.Value.Redis!);
        // Keep retrying in the background rather than refusing to start when Redis is briefly away.
        config.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(config);
        // A queue (not a handler) keeps events in the order they were published.
        var queue = await _redis.GetSubscriber().SubscribeAsync(_channel);
        queue.OnMessage(message => Receive(message.Message));
    }

    public void Publish(ParleyEvent e)
    {
        hub.Deliver(e);
        if (_redis is null)
        {
            return; // before start-up completes (first-run setup): no other server is listening yet
        }
        var payload = _origin + "|" + JsonSerializer.Serialize(e, Json);
        _redis.GetSubscriber().Publish(_channel, payload, CommandFlags.FireAndForget);
    }

    private void Receive(RedisValue value)
    {
        var text = (string?)value ?? "";
        var split = text.IndexOf('|', StringComparison.Ordinal);
        if (split < 0 || text.AsSpan(0, split).SequenceEqual(_origin))
        {
            return;
        }
        try
        {
            if (JsonSerializer.Deserialize<ParleyEvent>(text.AsSpan(split + 1), Json) is { } e)
            {
                hub.Deliver(e);
            }
        }
        catch (JsonException ex)
        {
            log.LogWarning(ex, "Ignored an event from Redis that could not be read");
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_redis?.IsConnected == true
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Not connected to Redis; live events do not reach the other servers."));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_redis is not null)
        {
            await _redis.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
