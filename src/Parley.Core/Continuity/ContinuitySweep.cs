using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Events;

namespace Parley.Core.Continuity;

/// <summary>
/// Ends inactivity windows that are due: finds them through the index on the window's start, claims them
/// (so many servers can sweep at once), asks <see cref="ContinuityPolicy"/> what to do and commits the
/// decision, the email (in the outbox) and the conversation's new state in one transaction.
/// </summary>
public sealed class ContinuitySweep(
    AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options, ContinuationEmails emails, IEventPublisher events)
{
    /// <summary>Ends one batch of due windows; returns how many it ended (a full batch means more may be due).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().FirstAsync(s => s.Id == AccountSettings.SingletonId, ct);
        var now = clock.GetUtcNow();
        var cutoff = now.AddMinutes(-settings.InactivityWindowMinutes);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Conversations
            .Where(c => c.ContinuityWindowStartedAt != null && c.ContinuityWindowStartedAt <= cutoff)
            .OrderBy(c => c.ContinuityWindowStartedAt)
            .Take(options.Value.SweepBatchSize)
            .ForClaim()
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var address = settings.ContinuousConversationsEnabled
            ? await db.SupportAddresses.AsNoTracking().FirstOrDefaultAsync(a => a.IsDefault, ct)
            : null;
        var ids = due.Select(c => c.Id).ToList();
        var endUserIds = due.Select(c => c.EndUserId).Distinct().ToList();
        var endUsers = await db.EndUsers.AsNoTracking().Where(u => endUserIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        // Only what could be emailed is read: agent replies after both the emailed and the read position.
        var candidates = await (
            from m in db.Messages.AsNoTracking().Where(ContinuityWindow.Emailable)
            join c in db.Conversations on m.ConversationId equals c.Id
            where ids.Contains(c.Id) && m.Seq > c.EmailedThroughSeq && m.Seq > c.EndUserReadSeq
            select m).ToListAsync(ct);
        var byConversation = candidates.ToLookup(m => m.ConversationId);

        var sending = new List<(Conversation Conversation, ContinuityDecision Decision)>();
        foreach (var c in due)
        {
            var decision = ContinuityPolicy.Decide(
                settings.ContinuousConversationsEnabled, address?.HasWorkingRoute == true, c, endUsers[c.EndUserId], byConversation[c.Id]);
            c.ContinuityWindowStartedAt = null;
            if (decision.Sends)
            {
                sending.Add((c, decision));
            }
            else
            {
                c.NotEmailedReason = decision.Reason;
                c.NotEmailedAt = now;
            }
        }
        if (sending.Count > 0)
        {
            var composed = await emails.ComposeAsync(settings, address!, [.. sending.Select(s => (s.Conversation, endUsers[s.Conversation.EndUserId], s.Decision.Replies))], now, ct);
            db.OutboundEmails.AddRange(composed);
            foreach (var (c, decision) in sending)
            {
                c.EmailedThroughSeq = decision.Replies.Max(m => m.Seq);
                c.LastEmailedAt = now;
                c.LastEmailedTo = endUsers[c.EndUserId].Email;
                c.NotEmailedReason = null;
                c.NotEmailedAt = null;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var c in due)
        {
            events.Publish(new ContinuityChanged(c.Id));
        }
        return due.Count;
    }
}
