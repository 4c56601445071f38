using Parley.Core.Events;
using Parley.Server.Realtime;

namespace Parley.Server.Workspace;

/// <summary>
/// Feeds a component the events of this server's hub. If the component falls behind and its queue is
/// closed, it resubscribes and is told to reload everything (<c>null</c>): events are nudges, the
/// database is the truth.
/// </summary>
public sealed class LiveEvents : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private LiveEvents() { }

    /// <summary>Starts listening; <paramref name="onEvent"/> runs for each event, or with null after a gap.</summary>
    public static LiveEvents Start(EventHub hub, Func<ParleyEvent?, Task> onEvent)
    {
        var live = new LiveEvents();
        _ = live.PumpAsync(hub, onEvent);
        return live;
    }

    private async Task PumpAsync(EventHub hub, Func<ParleyEvent?, Task> onEvent)
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            using var subscription = hub.SubscribeAll();
            try
            {
                await foreach (var e in subscription.Reader.ReadAllAsync(stop))
                {
                    try
                    {
                        await onEvent(e);
                    }
                    catch (Exception) when (!stop.IsCancellationRequested)
                    {
                        // A failed reload (say, the database was briefly away) must not end live updates for the tab.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (OverflowException)
            {
                await onEvent(null);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
