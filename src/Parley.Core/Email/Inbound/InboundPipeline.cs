using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.Email.Inbound;

/// <summary>What the pipeline did with an email. <see cref="Duplicate"/> says it had been handled before.</summary>
public sealed record IngestResult(Guid InboundEmailId, InboundEmailStatus Status, bool Duplicate, Guid? ConversationId, Guid? MessageId, string? Detail);

/// <summary>
/// The one way an email comes in, whether fetched over IMAP, posted over HTTP or piped to the command:
/// checks and parses it, stores it once (by Message-ID) before acting on it, then sorts it — a bounce,
/// an auto-reply, a reply to a conversation (routed by <see cref="ConversationFinder"/>), from the
/// conversation's end user (posted) or from someone else (held) — and records what it became. A crash
/// at any point leaves the email stored as Received; delivering it again finishes it, and the message
/// it becomes is keyed by the email, so it is posted once.
/// </summary>
public sealed class InboundPipeline(
    AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options, ConversationFinder finder, BounceRecorder bounces,
    ReplyPoster poster, IEventPublisher events)
{
    public async Task<IngestResult> IngestAsync(byte[] raw, InboundSource source, Guid? supportAddressId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var message = InboundParsing.Parse(raw, options.Value.MaxInboundBytes);
        var (email, earlier) = await StoreAsync(raw, message, source, supportAddressId, ct);
        if (earlier && email.Status != InboundEmailStatus.Received)
        {
            return Result(email, duplicate: true);
        }
        return Result(await HandleAsync(email, message, ct), duplicate: false);
    }

    private async Task<InboundEmail> HandleAsync(InboundEmail email, MimeMessage message, CancellationToken ct)
    {
        if (InboundReading.Bounce(message) is { } bounce)
        {
            return await FinishAsync(email, InboundEmailStatus.Bounce, await bounces.RecordAsync(bounce, ct), ct);
        }
        if (InboundReading.AutomaticReason(message) is { } automatic)
        {
            return await FinishAsync(email, InboundEmailStatus.Automatic, $"An automatic reply ({automatic}); not posted.", ct);
        }
        if (await finder.FindAsync(message, ct) is not { } route)
        {
            return await FinishAsync(email, InboundEmailStatus.Unrouted, "No reply address or thread header of Parley's names a conversation.", ct);
        }
        (email.ConversationId, email.RoutedBy) = (route.ConversationId, route.RoutedBy);
        var endUser = await (from c in db.Conversations where c.Id == route.ConversationId
                             join u in db.EndUsers on c.EndUserId equals u.Id
                             select new { u.Id, u.Email }).FirstAsync(ct);
        if (endUser.Email is null || email.FromAddress is null || !InboundReading.SameMailbox(email.FromAddress, endUser.Email))
        {
            email.Text = InboundReading.Body(message).Trimmed;
            var customer = endUser.Email is null ? "has no email address" : $"is {endUser.Email}";
            return await FinishAsync(email, InboundEmailStatus.Held,
                $"From {email.FromAddress ?? "no address"}, but the conversation's customer {customer}. Accept it as the customer's message or discard it.", ct);
        }
        var posted = await poster.PostAsync(email, message, endUser.Id, ct);
        return await FinishAsync(email, posted.Status, posted.Detail, ct);
    }

    /// <summary>Stores the email before anything else; an email stored before (same Message-ID) is returned instead.</summary>
    private async Task<(InboundEmail Email, bool Earlier)> StoreAsync(
        byte[] raw, MimeMessage message, InboundSource source, Guid? supportAddressId, CancellationToken ct)
    {
        var key = MessageKey(message, raw);
        if (await db.InboundEmails.FirstOrDefaultAsync(e => e.MessageKey == key, ct) is { } stored)
        {
            return (stored, true);
        }
        var now = clock.GetUtcNow();
        var from = message.From.Mailboxes.FirstOrDefault();
        var email = new InboundEmail
        {
            Id = Guid.CreateVersion7(now), Source = source, SupportAddressId = supportAddressId, MessageKey = key,
            FromAddress = Cut(from?.Address, 254), FromName = Cut(from?.Name, 200), Subject = Cut(message.Subject, 500) ?? "",
            SentAt = message.Date == DateTimeOffset.MinValue ? null : message.Date, ReceivedAt = now, SizeBytes = raw.LongLength,
            Status = InboundEmailStatus.Received,
        };
        db.InboundEmails.Add(email);
        db.InboundEmailContents.Add(new InboundEmailContent { InboundEmailId = email.Id, Raw = raw });
        try
        {
            await db.SaveChangesAsync(ct);
            return (email, false);
        }
        catch (DbUpdateException)
        {
            // The same email arriving at the same moment by another way (or server) won the race.
            db.ChangeTracker.Clear();
            return (await db.InboundEmails.FirstOrDefaultAsync(e => e.MessageKey == key, ct) ?? throw new InvalidOperationException("Conflict without a stored email."), true);
        }
    }

    internal async Task<InboundEmail> FinishAsync(InboundEmail email, InboundEmailStatus status, string? detail, CancellationToken ct)
    {
        var tracked = await db.InboundEmails.FirstAsync(e => e.Id == email.Id, ct);
        tracked.Status = status;
        tracked.Detail = Cut(detail, InboundEmail.MaxDetailLength);
        tracked.ConversationId = email.ConversationId;
        tracked.RoutedBy = email.RoutedBy;
        tracked.PostedMessageId = email.PostedMessageId;
        tracked.Text = email.Text;
        tracked.HandledAt = email.HandledAt;
        tracked.HandledByAgentId = email.HandledByAgentId;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        Announce(tracked.Id, tracked.ConversationId, status);
        return tracked;
    }

    internal void Announce(Guid id, Guid? conversationId, InboundEmailStatus status) =>
        events.Publish(new InboundEmailChanged(id, conversationId, status));

    /// <summary>The Message-ID, or for an email without a usable one a hash of its bytes, so a repeat is still found.</summary>
    internal static string MessageKey(MimeMessage message, byte[] raw) =>
        message.MessageId?.Trim().ToLowerInvariant() is { Length: > 0 and <= InboundEmail.MaxKeyLength } id
            ? id
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));

    private static IngestResult Result(InboundEmail e, bool duplicate) =>
        new(e.Id, e.Status, duplicate, e.ConversationId, e.PostedMessageId, e.Detail);

    private static string? Cut(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..(max - 1)] + "…";
}
