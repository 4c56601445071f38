using Microsoft.Extensions.Options;
using Parley.Core.Conversations;

namespace Parley.Server.Workers;

/// <summary>Closes solved conversations once they are due; safe to run on every server (rows are claimed).</summary>
public sealed class AutoCloseWorker(IServiceScopeFactory scopes, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<AutoCloseWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AutoCloseIntervalSeconds), clock);
        do
        {
            try
            {
                int closed;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    closed = await scope.ServiceProvider.GetRequiredService<SolvedConversationCloser>()
                        .CloseDueAsync(options.Value.BatchSize, stoppingToken);
                    if (closed > 0)
                    {
                        log.LogInformation("Closed {Count} solved conversations", closed);
                    }
                }
                while (closed == options.Value.BatchSize);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Closing solved conversations failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
