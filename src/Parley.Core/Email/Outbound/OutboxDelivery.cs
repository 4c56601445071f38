using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Events;
using Parley.Core.Security;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Delivers the outbox: claims due emails with a lease (committed before anything is sent, so a server
/// that dies mid-batch leaves them to the next), sends each support address's share over one connection,
/// and records every attempt. Temporary failures come back with growing back-off; permanent ones (5xx)
/// fail the email and mark the end user's address as bouncing.
/// </summary>
public sealed class OutboxDelivery(
    AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options, ISecretProtector secrets, DevelopmentMailbox mailbox,
    IEventPublisher events)
{
    /// <summary>Delivers one batch; returns how many emails it attempted (a full batch means more may be due).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var claimed = await ClaimAsync(ct);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var enabled = await db.Settings.Where(s => s.Id == AccountSettings.SingletonId).Select(s => s.ContinuousConversationsEnabled).FirstAsync(ct);
        var addressIds = claimed.Select(e => e.SupportAddressId).Distinct().ToList();
        var addresses = await db.SupportAddresses.AsNoTracking().Where(a => addressIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var group in claimed.GroupBy(e => e.SupportAddressId))
        {
            await using var delivery = addresses.GetValueOrDefault(group.Key) is { } address ? Open(address) : null;
            foreach (var email in group)
            {
                var result = delivery is null ? new DeliveryResult(DeliveryOutcome.TemporaryFailure, "The support address no longer exists.")
                    : email.Kind == OutboundEmailKind.Continuation && !enabled ? null
                    : await delivery.SendAsync(await MimeMessage.LoadAsync(new MemoryStream(email.Mime), ct), ct);
                await RecordAsync(email, result, ct);
            }
        }
        return claimed.Count;
    }

    /// <summary>When the next queued email becomes due, to sleep until then.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) =>
        db.OutboundEmails.Where(e => e.DueAt != null).OrderBy(e => e.DueAt).Select(e => e.DueAt).FirstOrDefaultAsync(ct);

    private async Task<List<OutboundEmail>> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Sending rows whose lease ended were left by a server that stopped; their DueAt is the lease's end.
        var due = await db.OutboundEmails
            .Where(e => e.DueAt != null && e.DueAt <= now)
            .OrderBy(e => e.DueAt)
            .Take(options.Value.DeliveryBatchSize)
            .ForClaim()
            .ToListAsync(ct);
        foreach (var e in due)
        {
            e.Status = OutboundEmailStatus.Sending;
            e.DueAt = now.AddSeconds(options.Value.LeaseSeconds);
            e.Attempts++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return due;
    }

    private IMailDelivery Open(SupportAddress address) => address.Route switch
    {
        OutboundRoute.Smtp => SmtpDelivery.Open(new SmtpSettings(address.SmtpHost ?? "", address.SmtpPort, address.SmtpTls, address.SmtpUserName,
            address.SmtpPasswordProtected is { } p ? secrets.Unprotect(p) : null), clock),
        _ => mailbox.Open(),
    };

    /// <summary>Records one attempt; a null result means the email is no longer to be sent.</summary>
    private async Task RecordAsync(OutboundEmail email, DeliveryResult? result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (status, dueAt, detail) = result switch
        {
            null => (OutboundEmailStatus.Cancelled, (DateTimeOffset?)null, "Not sent: continuous conversations were turned off."),
            { Outcome: DeliveryOutcome.Delivered } => (OutboundEmailStatus.Sent, null, result.Detail),
            { Outcome: DeliveryOutcome.PermanentFailure } => (OutboundEmailStatus.Failed, null, result.Detail),
            _ when email.Attempts >= options.Value.MaxAttempts => (OutboundEmailStatus.Failed, null, $"Gave up after {email.Attempts} attempts: {result.Detail}"),
            _ => (OutboundEmailStatus.Queued, now + Backoff(email.Attempts), result.Detail),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OutboundEmailAttempts.Add(new OutboundEmailAttempt
        {
            Id = Guid.CreateVersion7(now), EmailId = email.Id, At = now, Outcome = result?.Outcome, Detail = detail,
        });
        await db.SaveChangesAsync(ct);
        await db.OutboundEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, status).SetProperty(e => e.DueAt, dueAt).SetProperty(e => e.LastResult, detail)
            .SetProperty(e => e.SentAt, status == OutboundEmailStatus.Sent ? now : null), ct);
        if (result?.Outcome == DeliveryOutcome.PermanentFailure && email is { Kind: OutboundEmailKind.Continuation, EndUserId: { } endUserId })
        {
            // Only this address bounced: a profile whose email changed meanwhile keeps the new one usable.
            await db.EndUsers.Where(u => u.Id == endUserId && u.Email == email.ToAddress)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailBouncing, true), ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (email.ConversationId is { } conversationId)
        {
            events.Publish(new ContinuityChanged(conversationId));
        }
    }

    /// <summary>30 s, 1 min, 2 min ... doubling up to an hour between attempts.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));
}
