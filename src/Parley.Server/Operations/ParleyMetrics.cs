using System.Diagnostics.Metrics;

namespace Parley.Server.Operations;

/// <summary>Parley's own metrics, exported with the ASP.NET Core and runtime ones at /metrics.</summary>
public sealed class ParleyMetrics
{
    public const string MeterName = "Parley";

    private readonly Counter<long> _events;
    private readonly Counter<long> _delivered;
    private readonly UpDownCounter<long> _streams;

    public ParleyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("parley.events.published", description: "Events published after commit.");
        _delivered = meter.CreateCounter<long>("parley.events.delivered", description: "Events written to live streams.");
        _streams = meter.CreateUpDownCounter<long>("parley.streams.open", description: "Open server-sent event streams.");
    }

    public void EventPublished(string type) => _events.Add(1, new KeyValuePair<string, object?>("type", type));

    public void EventDelivered(string stream) => _delivered.Add(1, new KeyValuePair<string, object?>("stream", stream));

    public void StreamOpened(string stream) => _streams.Add(1, new KeyValuePair<string, object?>("stream", stream));

    public void StreamClosed(string stream) => _streams.Add(-1, new KeyValuePair<string, object?>("stream", stream));
}
