using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Core.Triggers;
using Parley.Server.Realtime;
using Parley.Server.Workspace;

namespace Parley.Server.Workers;

/// <summary>
/// Runs triggers: woken by every event that may have noted a run event (on this server or, over Redis,
/// another), and by the end of the next wait; otherwise it looks every few seconds, for work a server
/// that stopped left behind. Safe on every server: the engine claims its work.
/// </summary>
public sealed class TriggerWorker(
    IServiceScopeFactory scopes, EventHub hub, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<TriggerWorker> log)
    : BackgroundService
{
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var live = LiveEvents.Start(hub, e =>
        {
            if (e is null or MessageCreated or ConversationCreated or ConversationChanged)
            {
                wake.Writer.TryWrite(true);
            }
            return Task.CompletedTask;
        });
        var poll = TimeSpan.FromSeconds(options.Value.TriggerPollSeconds);
        var forgotAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? nextWait = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var engine = scope.ServiceProvider.GetRequiredService<TriggerEngine>();
                // Until nothing is due: a conversation's next job becomes due when its earlier one is done.
                while (await engine.RunDueAsync(options.Value.BatchSize, stoppingToken) > 0)
                {
                }
                if (clock.GetUtcNow() - forgotAt > Forget)
                {
                    await engine.ForgetFinishedAsync(stoppingToken);
                    forgotAt = clock.GetUtcNow();
                }
                nextWait = await engine.NextWaitEndsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Running triggers failed; will retry");
            }
            var sleep = WorkerSleep.Until(nextWait, poll, clock);
            using var nap = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = wake.Reader.WaitToReadAsync(nap.Token).AsTask();
            var timeUp = Task.Delay(sleep, clock, nap.Token);
            await Task.WhenAny(woken, timeUp);
            await nap.CancelAsync();
            wake.Reader.TryRead(out _);
        }
    }
}
