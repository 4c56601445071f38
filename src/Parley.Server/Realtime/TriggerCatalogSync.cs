using Parley.Core.Events;
using Parley.Core.Triggers;
using Parley.Server.Workspace;

namespace Parley.Server.Realtime;

/// <summary>
/// Makes this server forget its loaded triggers when an admin changed them on any server (or when events
/// were missed), so the next event runs the triggers as they are now.
/// </summary>
public sealed class TriggerCatalogSync(EventHub hub, TriggerCatalog catalog) : IHostedService, IDisposable
{
    private LiveEvents? _live;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _live = LiveEvents.Start(hub, e =>
        {
            if (e is null or TriggersChanged)
            {
                catalog.Invalidate();
            }
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _live?.Dispose();
        _live = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _live?.Dispose();
}
