using Microsoft.EntityFrameworkCore;
using Parley.Core.Continuity;
using Parley.Core.Data;
using Parley.Core.Email.Inbound.Classification;
using Parley.Core.Email.Outbound;
using Parley.Core.Events;

namespace Parley.Core.Email.Inbound;

/// <summary>
/// Acts on a delivery failure report: a permanent one marks the end user's address as bouncing, so no
/// more continuation emails go to it, cancels what was still queued for it, and records on the email and
/// the conversation why, so the agent sees it in the continuity panel. A delay changes nothing.
/// </summary>
public sealed class BounceRecorder(AppDbContext db, TimeProvider clock, IEventPublisher events)
{
    /// <summary>Records the report; returns what was done, for the inbound email's detail.</summary>
    public async Task<string> RecordAsync(BounceReport bounce, CancellationToken ct)
    {
        var why = Describe(bounce);
        var original = bounce.OriginalMessageId?.Trim().Trim('<', '>').ToLowerInvariant() is { Length: > 0 and <= 300 } id
            ? await db.OutboundEmails.FirstOrDefaultAsync(e => e.MessageId == id, ct)
            : null;
        var addresses = bounce.Recipients.Select(r => r.Address.Trim().ToLowerInvariant()).Where(r => r.Length is > 0 and <= 254).ToHashSet();
        if (original is not null)
        {
            addresses.Add(original.ToAddress.ToLowerInvariant());
        }
        if (addresses.Count == 0)
        {
            return $"{why} It names no address or email of Parley's, so nothing was changed.";
        }
        if (!bounce.Permanent)
        {
            return $"{why} A delay, not a failure: {string.Join(", ", addresses)} is kept.";
        }
        var now = clock.GetUtcNow();
        var list = addresses.ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var endUsers = await db.EndUsers.Where(u => u.Email != null && list.Contains(u.Email.ToLower())).ToListAsync(ct);
        foreach (var u in endUsers)
        {
            u.EmailBouncing = true;
        }
        if (original is not null)
        {
            original.Status = OutboundEmailStatus.Failed;
            original.DueAt = null;
            original.LastResult = Cut($"Bounced: {why}");
        }
        var cancelled = await db.OutboundEmails
            .Where(e => e.Status == OutboundEmailStatus.Queued && e.Kind == OutboundEmailKind.Continuation && list.Contains(e.ToAddress.ToLower()))
            .ToListAsync(ct);
        foreach (var e in cancelled)
        {
            (e.Status, e.DueAt, e.LastResult) = (OutboundEmailStatus.Cancelled, null, Cut($"Not sent: the address bounced ({why})"));
        }
        var endUserIds = endUsers.Select(u => u.Id).ToList();
        var conversations = await db.Conversations
            .Where(c => endUserIds.Contains(c.EndUserId) && c.Status != Conversations.ConversationStatus.Closed)
            .ToListAsync(ct);
        foreach (var c in conversations)
        {
            (c.NotEmailedReason, c.NotEmailedAt) = (NotEmailedReason.Bouncing, now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var c in conversations)
        {
            events.Publish(new ContinuityChanged(c.Id));
        }
        return endUsers.Count == 0
            ? $"{why} No customer has {string.Join(", ", addresses)}, so nothing was changed."
            : $"{why} {string.Join(", ", endUsers.Select(u => u.Email))} marked as bouncing; no more emails go there until the address changes.";
    }

    /// <summary>The report in a sentence, by its first recipient of the same kind (failed or delayed).</summary>
    private static string Describe(BounceReport b)
    {
        var first = b.Recipients.FirstOrDefault(r => r.Permanent == b.Permanent) ?? b.Recipients.FirstOrDefault();
        var status = first?.Status is { Length: > 0 } s ? $" {s}" : "";
        var diagnostic = first?.Diagnostic is { Length: > 0 } d ? $": {d}" : "";
        return Cut($"Delivery {(b.Permanent ? "failed" : "delayed")}{status}{diagnostic}.");
    }

    private static string Cut(string s) => s.Length <= 500 ? s : s[..499] + "…";
}
