using System.Collections.Immutable;
using System.Threading.Channels;
using Parley.Core.Events;
using Parley.Server.Operations;

namespace Parley.Server.Realtime;

/// <summary>
/// Delivers events to the live streams of this server. Messenger streams subscribe to one
/// conversation, so an event reaches only the streams that may see it (no scan over every connection);
/// agent streams receive everything. The event bus decides which events arrive here.
/// </summary>
public sealed class EventHub(ParleyMetrics metrics)
{
    private readonly Dictionary<Guid, List<EventSubscription>> _byConversation = [];
    private readonly Lock _gate = new();
    private ImmutableArray<EventSubscription> _agents = [];

    public void Deliver(ParleyEvent e)
    {
        metrics.EventPublished(e.Type);
        if (e.VisibleToEndUserIn() is { } id)
        {
            lock (_gate)
            {
                if (_byConversation.TryGetValue(id, out var subscribers))
                {
                    foreach (var s in subscribers)
                    {
                        s.Offer(e);
                    }
                }
            }
        }
        foreach (var s in _agents)
        {
            s.Offer(e);
        }
    }

    /// <summary>Events an end user may see in one conversation.</summary>
    public EventSubscription SubscribeConversation(Guid conversationId)
    {
        var subscription = new EventSubscription(s =>
        {
            lock (_gate)
            {
                // Drop the key once empty so long-gone conversations hold no memory.
                if (_byConversation.TryGetValue(conversationId, out var list) && list.Remove(s) && list.Count == 0)
                {
                    _byConversation.Remove(conversationId);
                }
            }
        });
        lock (_gate)
        {
            if (!_byConversation.TryGetValue(conversationId, out var list))
            {
                _byConversation[conversationId] = list = [];
            }
            list.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Every event, for agents and integrations.</summary>
    public EventSubscription SubscribeAll()
    {
        var subscription = new EventSubscription(s => ImmutableInterlocked.Update(ref _agents, list => list.Remove(s)));
        ImmutableInterlocked.Update(ref _agents, list => list.Add(subscription));
        return subscription;
    }
}

/// <summary>
/// One live stream's queue. If a stream falls too far behind, its queue is closed instead of growing
/// without bound; the client reconnects with Last-Event-ID and replays what it missed from the database.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private const int Capacity = 1024;
    private readonly Channel<ParleyEvent> _channel = Channel.CreateBounded<ParleyEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Action<EventSubscription> _unsubscribe;
    private int _disposed;

    internal EventSubscription(Action<EventSubscription> unsubscribe) => _unsubscribe = unsubscribe;

    public ChannelReader<ParleyEvent> Reader => _channel.Reader;

    internal void Offer(ParleyEvent e)
    {
        if (!_channel.Writer.TryWrite(e))
        {
            _channel.Writer.TryComplete(new OverflowException("The stream fell behind."));
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            _channel.Writer.TryComplete();
        }
    }
}
