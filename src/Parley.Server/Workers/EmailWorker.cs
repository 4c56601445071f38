using Microsoft.Extensions.Options;
using Parley.Core.Continuity;
using Parley.Core.Email;
using Parley.Core.Email.Outbound;

namespace Parley.Server.Workers;

/// <summary>
/// Ends due inactivity windows (queuing their emails) and delivers the outbox, then sleeps until the next
/// email is due or a few seconds pass. Safe on every server: windows and emails are claimed.
/// </summary>
public sealed class EmailWorker(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sweep = scope.ServiceProvider.GetRequiredService<ContinuitySweep>();
                var outbox = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
                while (await sweep.RunAsync(stoppingToken) == options.Value.SweepBatchSize)
                {
                }
                while (await outbox.RunAsync(stoppingToken) == options.Value.DeliveryBatchSize)
                {
                }
                next = await outbox.NextDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sending continuation emails failed; will retry");
            }
            var sleep = WorkerSleep.Until(next, poll, clock);
            await Task.Delay(sleep, clock, stoppingToken);
        }
    }
}
