using Microsoft.Extensions.Options;
using Parley.Core.Email;

namespace Parley.Server.Workers;

/// <summary>
/// Ends due inactivity windows (queuing their emails) while delivering the outbox, side by side
/// (<see cref="EmailRound"/>), then sleeps until the next email is due or a few seconds pass. Safe on every
/// server: windows and emails are claimed.
/// </summary>
public sealed class EmailWorker(EmailRound round, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailWorker> log)
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
                next = await round.RunAsync(stoppingToken);
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
