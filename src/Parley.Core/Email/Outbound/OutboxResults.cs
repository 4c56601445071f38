using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Records delivery attempts in the background while the next emails are sent: committing a result costs
/// about as much as sending an email, so the two overlap instead of taking turns. Results are committed a
/// few at a time (<see cref="CommitEvery"/>, or whatever came within <see cref="MaxWait"/> of the first), so
/// the database and the disk see a fraction of the commits. A sender reserves room before each send, so at
/// most <see cref="MaxUnrecorded"/> emails are ever handed over without their result committed: those are
/// the ones a server killed at that moment sends again after the lease (docs/operations.md).
/// </summary>
internal sealed class OutboxResults : IAsyncDisposable
{
    /// <summary>Room for one commit's results while the next few are sent.</summary>
    public const int MaxUnrecorded = 8;

    /// <summary>Results per commit when emails keep coming; one commit per result doubled the database's and the disk's work.</summary>
    public const int CommitEvery = 4;

    /// <summary>The longest a result waits for others before its commit starts.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(10);

    private readonly AppDbContext _db;
    private readonly TimeProvider _clock;
    private readonly EmailOptions _options;
    private readonly IEventPublisher _events;
    private readonly SemaphoreSlim _room = new(MaxUnrecorded, MaxUnrecorded);
    // Not marked single-reader: only the general channel can count what is waiting.
    private readonly Channel<(OutboundEmail Email, DeliveryResult? Result)> _pending =
        Channel.CreateUnbounded<(OutboundEmail, DeliveryResult?)>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly SemaphoreSlim _added = new(0);
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _completing;
    private readonly Task _recording;

    /// <summary>Starts recording on <paramref name="db"/>, which nothing else may use until <see cref="CompleteAsync"/> returns.</summary>
    public OutboxResults(AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options, IEventPublisher events)
    {
        (_db, _clock, _options, _events) = (db, clock, options.Value, events);
        _recording = Task.Run(RecordAllAsync);
    }

    /// <summary>Waits until fewer than <see cref="MaxUnrecorded"/> results are uncommitted; call before each send.</summary>
    public async Task ReserveAsync(CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        try
        {
            await _room.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Recording failed; say why instead of sending more that cannot be recorded.
            await _recording.ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Queues the result of a send that <see cref="ReserveAsync"/> made room for; a null result withdraws the email.</summary>
    public void Add(OutboundEmail email, DeliveryResult? result)
    {
        _pending.Writer.TryWrite((email, result));
        _added.Release();
    }

    /// <summary>Commits every queued result and stops; throws if recording failed.</summary>
    public async Task CompleteAsync()
    {
        Finish();
        await _recording.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Finish();
        try
        {
            await _recording.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // CompleteAsync reports failures; disposing after one only ends the task.
        }
        _room.Dispose();
        _added.Dispose();
        _stop.Dispose();
    }

    private void Finish()
    {
        _completing = true;
        _pending.Writer.TryComplete();
        _added.Release();
    }

    private async Task RecordAllAsync()
    {
        var batch = new List<(OutboundEmail Email, DeliveryResult? Result)>(MaxUnrecorded);
        try
        {
            // Results already handed over are committed even when the host is stopping: the emails were sent.
            while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // A few more results are on their way while the sender keeps sending; the last ones of a batch are not kept waiting.
                // Real time, not the injected clock: this bounds how long a result lies uncommitted, whatever the account's time.
                var first = Stopwatch.GetTimestamp();
                while (_pending.Reader.Count < CommitEvery && !_completing && Stopwatch.GetElapsedTime(first) is var waited && waited < MaxWait)
                {
                    await _added.WaitAsync(MaxWait - waited).ConfigureAwait(false);
                }
                batch.Clear();
                while (_pending.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                await RecordAsync(batch).ConfigureAwait(false);
                _room.Release(batch.Count);
            }
        }
        catch
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Records a few attempts in one transaction: the attempts, each email's new state, any bounced address.</summary>
    private async Task RecordAsync(List<(OutboundEmail Email, DeliveryResult? Result)> batch)
    {
        var now = _clock.GetUtcNow();
        await using var tx = await _db.Database.BeginTransactionAsync().ConfigureAwait(false);
        var bounced = new List<OutboundEmail>();
        foreach (var (email, result) in batch)
        {
            var (status, dueAt, detail) = Outcome(email, result, now);
            _db.OutboundEmailAttempts.Add(new OutboundEmailAttempt
            {
                Id = Guid.CreateVersion7(now), EmailId = email.Id, At = now, Outcome = result?.Outcome, Detail = detail,
            });
            // The claimed row stands in for the stored one: only the columns set here are written.
            _db.OutboundEmails.Attach(email);
            (email.Status, email.DueAt, email.LastResult, email.SentAt) = (status, dueAt, detail, status == OutboundEmailStatus.Sent ? now : null);
            if (result?.Outcome == DeliveryOutcome.PermanentFailure && email.Kind == OutboundEmailKind.Continuation && email.EndUserId is not null)
            {
                bounced.Add(email);
            }
        }
        await _db.SaveChangesAsync().ConfigureAwait(false);
        foreach (var email in bounced)
        {
            // Only this address bounced: a profile whose email changed meanwhile keeps the new one usable.
            await _db.EndUsers.Where(u => u.Id == email.EndUserId && u.Email == email.ToAddress)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailBouncing, true)).ConfigureAwait(false);
        }
        await tx.CommitAsync().ConfigureAwait(false);
        _db.ChangeTracker.Clear();
        foreach (var (email, _) in batch)
        {
            if (email.ConversationId is { } conversationId)
            {
                _events.Publish(new ContinuityChanged(conversationId));
            }
        }
    }

    /// <summary>What an attempt leaves the email as; a null result means it is no longer to be sent.</summary>
    private (OutboundEmailStatus Status, DateTimeOffset? DueAt, string Detail) Outcome(OutboundEmail email, DeliveryResult? result, DateTimeOffset now) => result switch
    {
        null => (OutboundEmailStatus.Cancelled, null, "Not sent: continuous conversations were turned off."),
        { Outcome: DeliveryOutcome.Delivered } => (OutboundEmailStatus.Sent, null, result.Detail),
        { Outcome: DeliveryOutcome.PermanentFailure } => (OutboundEmailStatus.Failed, null, result.Detail),
        _ when email.Attempts >= _options.MaxAttempts => (OutboundEmailStatus.Failed, null, $"Gave up after {email.Attempts} attempts: {result.Detail}"),
        _ => (OutboundEmailStatus.Queued, now + OutboxDelivery.Backoff(email.Attempts), result.Detail),
    };
}
