using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Server.Auth;

namespace Parley.Server.Workspace;

/// <summary>
/// An open workspace or admin center tab keeps its agent present: while the tab's circuit is connected it sends a
/// heartbeat at once and then every Parley:Presence:HeartbeatSeconds, on the injected clock. A tab closed without
/// signing out (or a browser that crashed) just stops, so the agent goes stale and counts as Offline.
/// </summary>
internal sealed partial class PresenceCircuitHandler(
    AuthenticationStateProvider authentication, IServiceScopeFactory scopes, TimeProvider clock, IOptions<PresenceOptions> options,
    WorkspaceTabs tabs, ILogger<PresenceCircuitHandler> log) : CircuitHandler, IDisposable
{
    private CancellationTokenSource? _beating;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Stop();
        var beating = new CancellationTokenSource();
        _beating = beating;
        // Off the circuit's dispatcher: a slow database must not hold up the tab's rendering.
        _ = Task.Run(() => BeatAsync(beating.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        _beating?.Cancel();
        _beating?.Dispose();
        _beating = null;
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            if (await AgentIdAsync() is not { } agentId)
            {
                return;
            }
            using var timer = new PeriodicTimer(options.Value.Heartbeat, clock);
            tabs.Opened(agentId);
            try
            {
                do
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<AgentPresence>().HeartbeatAsync(agentId, ct);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        // The next beat tries again; one missed beat is within the timeout.
                        LogHeartbeatFailed(e);
                    }
                }
                while (await timer.WaitForNextTickAsync(ct));
            }
            finally
            {
                tabs.Closed(agentId);
            }
        }
        catch (OperationCanceledException)
        {
            // The tab went away.
        }
        catch (Exception e)
        {
            // Not even the agent could be read: this tab sends no heartbeats, the agent's other tabs still may.
            LogHeartbeatFailed(e);
        }
    }

    private async Task<Guid?> AgentIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Guid.TryParse(state.User.FindFirst(ParleyClaims.AgentId)?.Value, out var id) ? id : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A workspace presence heartbeat failed; the next one will try again")]
    private partial void LogHeartbeatFailed(Exception e);
}
