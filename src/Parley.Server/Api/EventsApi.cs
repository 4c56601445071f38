using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Auth;
using Parley.Server.Operations;
using Parley.Server.Realtime;

namespace Parley.Server.Api;

/// <summary>
/// The live event stream for agents and integrations: every event as it happens, as server-sent events
/// named by type (message.created, conversation.created, conversation.changed, conversation.read, agent.status, end-user.changed, account.status).
/// </summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", Stream).WithTags("Events").RequireAuthorization(AuthSetup.CanRead);
        return app;
    }

    private static IResult Stream(EventHub hub, IOptions<JsonOptions> json, IOptions<RealtimeOptions> realtime, ParleyMetrics metrics, TimeProvider clock, HttpContext http)
    {
        var subscription = hub.SubscribeAll();
        var serializer = json.Value.SerializerOptions;
        metrics.StreamOpened("agent");
        http.Response.RegisterForDispose(new StreamGauge(metrics, "agent"));
        var items = EventStream.RunAsync(subscription, [], e =>
        {
            metrics.EventDelivered("agent");
            return new SseItem<string>(JsonSerializer.Serialize(e, e.GetType(), serializer), e.Type);
        }, clock, realtime.Value.Heartbeat, http.RequestAborted);
        return TypedResults.ServerSentEvents(items);
    }
}

/// <summary>Counts a stream as closed when its request ends.</summary>
internal sealed class StreamGauge(ParleyMetrics metrics, string stream) : IDisposable
{
    public void Dispose() => metrics.StreamClosed(stream);
}
