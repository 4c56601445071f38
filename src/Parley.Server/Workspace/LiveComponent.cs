using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Parley.Core.Conversations;
using Parley.Core.Events;
using Parley.Server.Auth;
using Parley.Server.Realtime;

namespace Parley.Server.Workspace;

/// <summary>
/// A workspace component that shows data for the signed-in agent and reloads it when a live event
/// concerns it. Reloading from the database (rather than patching the screen from the event) keeps one
/// source of truth; the events only say when to look.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private LiveEvents? _live;
    private bool _refreshQueued;

    [Inject] private EventHub Hub { get; set; } = default!;

    [Inject] protected CoreScope Core { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The signed-in agent, as the circuit's authentication state names them.</summary>
    protected AgentActor Agent { get; private set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Agent = (await AuthenticationState).User.GetAgent();
        // Only a live circuit listens; the prerendered HTML is a snapshot. Subscribing before the first
        // load means nothing that happens in between is missed.
        if (RendererInfo.IsInteractive)
        {
            _live = LiveEvents.Start(Hub, e =>
            {
                if (e is null || Concerns(e))
                {
                    // Not awaited: the pump moves on, so a burst of events while a reload runs becomes one more reload.
                    _ = InvokeAsync(RefreshAsync);
                }
                return Task.CompletedTask;
            });
        }
    }

    /// <summary>"true" once the component runs in a live circuit and listens; tests wait for it.</summary>
    protected string Live => RendererInfo.IsInteractive ? "true" : "false";

    protected override Task OnParametersSetAsync() => LoadAsync();

    /// <summary>Whether an event may change what this component shows.</summary>
    protected abstract bool Concerns(ParleyEvent e);

    /// <summary>Reads what the component shows from Core.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Reloads one at a time, so a slow older read never overwrites a newer one.</summary>
    protected async Task LoadAsync()
    {
        await _reloading.WaitAsync();
        try
        {
            await ReloadAsync();
        }
        finally
        {
            _reloading.Release();
        }
    }

    private async Task RefreshAsync()
    {
        // Runs on the circuit's dispatcher, one piece at a time, so the flag needs no lock. Every event that
        // arrives before the queued reload starts is answered by it; one that arrives later queues another.
        if (_refreshQueued)
        {
            return;
        }
        _refreshQueued = true;
        try
        {
            await _reloading.WaitAsync();
            _refreshQueued = false;
            try
            {
                await ReloadAsync();
            }
            finally
            {
                _reloading.Release();
            }
            StateHasChanged();
        }
        catch (Exception)
        {
            // A failed reload (the database briefly away, the tab closing) must not end live updates for the
            // tab; the next event reloads again.
            _refreshQueued = false;
        }
    }

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
