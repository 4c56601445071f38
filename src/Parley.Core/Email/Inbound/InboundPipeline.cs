using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Data;
using Parley.Core.Email.Inbound.Addressing;
using Parley.Core.Email.Inbound.Classification;
using Parley.Core.Email.Inbound.Trimming;
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
        if (BounceReport.TryParse(message) is { } bounce)
        {
            return await FinishAsync(email, InboundEmailStatus.Bounce, await bounces.RecordAsync(bounce, ct), ct);
        }
        if (AutomaticReplies.Detect(message)?.Reason is { } automatic)
        {
            return await FinishAsync(email, InboundEmailStatus.Automatic, $"An automatic reply ({automatic}); not posted.", ct);
        }
        if (await finder.FindAsync(message, ct) is not { } route)
        {
            return await FinishAsync(email, InboundEmailStatus.Unrouted, "No reply address or thread header of Parley's names a conversation.", ct);
        }
        (email.ConversationId, email.RoutedBy) = (route.ConversationId, route.RoutedBy);
        if (route.EndUserEmail is null || email.FromAddress is null || !EmailAddresses.SameMailbox(email.FromAddress, route.EndUserEmail))
        {
            email.Text = Cut(ReplyBody.From(message).Trimmed, 100_000);
            var customer = route.EndUserEmail is null ? "has no email address" : $"is {route.EndUserEmail}";
            return await FinishAsync(email, InboundEmailStatus.Held,
                $"From {email.FromAddress ?? "no address"}, but the conversation's customer {customer}. Accept it as the customer's message or discard it.", ct);
        }
        var posted = await poster.PostAsync(email, message, route.EndUserId, ct);
        return await FinishAsync(email, posted.Status, posted.Detail, ct);
    }

    /// <summary>Stores the email before anything else; an email stored before (same Message-ID) is returned instead.</summary>
    private async Task<(InboundEmail Email, bool Earlier)> StoreAsync(
        byte[] raw, MimeMessage message, InboundSource source, Guid? supportAddressId, CancellationToken ct)
    {
        var key = MessageKey(message, raw);
        // No look-up first: a repeat is rare, and the unique index on the key refuses it (caught below).
        var now = clock.GetUtcNow();
        var from = message.From.Mailboxes.FirstOrDefault();
        var email = new InboundEmail
        {
            Id = Guid.CreateVersion7(now), Source = source, SupportAddressId = supportAddressId, MessageKey = key,
            FromAddress = Cut(from?.Address, 254), FromName = Cut(from?.Name, 200), Subject = Cut(message.Subject, 500) ?? "",
            SentAt = message.Date == DateTimeOffset.MinValue ? null : message.Date.ToUniversalTime(), ReceivedAt = now, SizeBytes = raw.LongLength,
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
        email.Status = status;
        email.Detail = Cut(detail, InboundEmail.MaxDetailLength);
        await db.InboundEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, email.Status).SetProperty(e => e.Detail, email.Detail)
            .SetProperty(e => e.ConversationId, email.ConversationId).SetProperty(e => e.RoutedBy, email.RoutedBy)
            .SetProperty(e => e.PostedMessageId, email.PostedMessageId).SetProperty(e => e.Text, email.Text)
            .SetProperty(e => e.HandledAt, email.HandledAt).SetProperty(e => e.HandledByAgentId, email.HandledByAgentId), ct);
        Announce(email.Id, email.ConversationId, status);
        return email;
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

    /// <summary>Bounded, and without NUL characters, which PostgreSQL text cannot hold and an email may carry.</summary>
    private static string? Cut(string? s, int max)
    {
        s = s?.Replace("\0", "", StringComparison.Ordinal);
        return s is null ? null : s.Length <= max ? s : s[..(max - 1)] + "…";
    }
}
