using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Continuity;
using Parley.Core.Email.Outbound;

namespace Parley.Core.Email;

/// <summary>
/// One round of the email work: ends due inactivity windows (<see cref="ContinuitySweep"/>) and delivers the
/// outbox (<see cref="OutboxDelivery"/>) until neither has anything due. The two run side by side, each in a
/// scope (and so on a database connection) of its own: delivery starts on the first batch of emails while
/// later windows are still being swept, instead of waiting for the whole sweep. Both claim what they take,
/// so rounds on several servers at once share the work.
/// </summary>
public sealed class EmailRound(IServiceScopeFactory scopes, IOptions<EmailOptions> options)
{
    /// <summary>Runs until nothing is due; returns when the next queued email becomes due (a retry), if any.</summary>
    public async Task<DateTimeOffset?> RunAsync(CancellationToken ct)
    {
        // Each swept batch nudges delivery; nudges that come while it is busy fold into one.
        var swept = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var sweeping = Task.Run(() => SweepAsync(swept.Writer, ct), ct);
        var delivering = Task.Run(() => DeliverAsync(sweeping, swept.Reader, ct), ct);
        await Task.WhenAll(sweeping, delivering);
        return await delivering;
    }

    private async Task SweepAsync(ChannelWriter<bool> swept, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sweep = scope.ServiceProvider.GetRequiredService<ContinuitySweep>();
        int ended;
        do
        {
            ended = await sweep.RunAsync(ct);
            if (ended > 0)
            {
                swept.TryWrite(true);
            }
        }
        while (ended == options.Value.SweepBatchSize);
    }

    private async Task<DateTimeOffset?> DeliverAsync(Task sweeping, ChannelReader<bool> swept, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
        while (true)
        {
            // Read before the sweep's state, so an email queued after this check still gets its nudge.
            var done = sweeping.IsCompleted;
            if (await outbox.RunAsync(ct) == options.Value.DeliveryBatchSize)
            {
                continue;
            }
            if (done)
            {
                return await outbox.NextDueAsync(ct);
            }
            // Nothing due right now, but the sweep may still queue emails: wait for its next batch or its end.
            await Task.WhenAny(sweeping, swept.WaitToReadAsync(ct).AsTask());
            swept.TryRead(out _);
        }
    }
}
