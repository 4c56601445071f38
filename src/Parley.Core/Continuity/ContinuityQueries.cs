using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Data;
using Parley.Core.Email.Outbound;

namespace Parley.Core.Continuity;

/// <summary>One continuation email of a conversation as agents see it: which replies it carried and what became of it.</summary>
public sealed record ContinuityEmail(long FromSeq, long ThroughSeq, int Replies, string To, OutboundEmailStatus Status,
    DateTimeOffset QueuedAt, DateTimeOffset? SentAt, string? LastResult)
{
    /// <summary>
    /// Whether the email carried agent message <paramref name="seq"/>: the replies of an email are every
    /// emailable agent message from its first to its last, since what was unread is always the newest.
    /// </summary>
    public bool Carries(long seq) => seq >= FromSeq && seq <= ThroughSeq;
}

/// <summary>The continuity panel: when the end user left, what is unread, when the window ends, what was emailed and why not.</summary>
public sealed record ContinuityStatus(
    bool Enabled, DateTimeOffset? EndUserLastActiveAt, int UnreadReplies, DateTimeOffset? WindowEndsAt,
    IReadOnlyList<ContinuityEmail> Emails, NotEmailedReason? NotEmailedReason, DateTimeOffset? NotEmailedAt)
{
    /// <summary>The email that carried the agent message <paramref name="seq"/>, if one did.</summary>
    public ContinuityEmail? EmailFor(long seq) => Emails.LastOrDefault(e => e.Carries(seq));
}

/// <summary>Reads a conversation's continuity state for the workspace.</summary>
public sealed class ContinuityQueries(AppDbContext db)
{
    public async Task<ContinuityStatus> StatusAsync(Guid conversationId, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().Where(s => s.Id == AccountSettings.SingletonId)
            .Select(s => new { s.ContinuousConversationsEnabled, s.InactivityWindowMinutes }).FirstAsync(ct);
        var c = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == conversationId, ct) ?? throw ParleyProblem.NotFound("conversation");
        var unread = await db.Messages.CountAsync(m => m.ConversationId == conversationId && m.Seq > c.EndUserReadSeq
            && m.AuthorKind == Conversations.MessageAuthorKind.Agent && !m.IsInternalNote, ct);
        var emails = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.ConversationId == conversationId && e.Kind == OutboundEmailKind.Continuation)
            .OrderBy(e => e.CreatedAt)
            .Select(e => new { e.FromSeq, e.ThroughSeq, e.MessageCount, e.ToAddress, e.Status, e.CreatedAt, e.SentAt, e.LastResult })
            .ToListAsync(ct);
        var list = emails.Select(e => new ContinuityEmail(e.FromSeq, e.ThroughSeq, e.MessageCount, e.ToAddress, e.Status, e.CreatedAt, e.SentAt, e.LastResult)).ToList();
        return new ContinuityStatus(settings.ContinuousConversationsEnabled, c.LastEndUserActivityAt, unread,
            ContinuityPolicy.DueAt(c, settings.InactivityWindowMinutes), list, c.NotEmailedReason, c.NotEmailedAt);
    }
}
