using Microsoft.Extensions.Options;
using Parley.Core.Accounts;

namespace Parley.Server.Workers;

/// <summary>
/// Sets agents Offline who have not been seen for the presence timeout, and announces account status changes the
/// clock alone brought; every heartbeat interval. Safe to run on every server (agent rows are claimed).
/// </summary>
public sealed partial class PresenceWorker(
    IServiceScopeFactory scopes, IOptions<PresenceOptions> presence, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<PresenceWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(presence.Value.Heartbeat, clock);
        do
        {
            try
            {
                int expired;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    expired = await scope.ServiceProvider.GetRequiredService<AgentPresence>().ExpireStaleAsync(options.Value.BatchSize, stoppingToken);
                    if (expired > 0)
                    {
                        LogExpired(expired);
                    }
                }
                while (expired == options.Value.BatchSize);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Set {Count} agents Offline who were no longer seen")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring stale agent presence failed; will retry")]
    private partial void LogFailed(Exception e);
}
