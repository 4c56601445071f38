using Parley.Core.Conversations;
using Parley.Core.EndUsers;

namespace Parley.Core.Continuity;

/// <summary>Why a conversation whose window ended was not emailed; shown to agents in the continuity panel.</summary>
public enum NotEmailedReason
{
    None,
    /// <summary>The end user read every agent reply in the messenger before the window ended.</summary>
    AllRead,
    TurnedOff,
    Closed,
    NoEmail,
    Unsubscribed,
    Bouncing,
    /// <summary>No support address with a way to send mail.</summary>
    NoSupportAddress,
}

/// <summary>What to do with a conversation whose inactivity window ended: email these replies, or why not.</summary>
public sealed record ContinuityDecision(IReadOnlyList<Message> Replies, NotEmailedReason Reason)
{
    public bool Sends => Replies.Count > 0;
}

/// <summary>
/// The whole "should we email?" rule in one place, as plain code over data (PRODUCT.md §7.4). The window
/// itself is kept by <see cref="ContinuityWindow"/>; the sweep asks this once the window has ended.
/// </summary>
public static class ContinuityPolicy
{
    /// <summary>When a conversation's window ends, with the account's current window (so a changed window applies to waiting ones).</summary>
    public static DateTimeOffset? DueAt(Conversation c, int windowMinutes) => c.ContinuityWindowStartedAt?.AddMinutes(windowMinutes);

    /// <summary>The agent replies that would go into an email: human, not notes, not flagged, neither read nor emailed.</summary>
    public static IEnumerable<Message> Unread(Conversation c, IEnumerable<Message> messages)
    {
        var after = Math.Max(c.EmailedThroughSeq, c.EndUserReadSeq);
        return messages.Where(m => m.Seq > after && ContinuityWindow.StartsWindow(m)).OrderBy(m => m.Seq);
    }

    /// <summary>
    /// The decision for a conversation whose window ended. <paramref name="messages"/> must hold at least
    /// every message after <see cref="Conversation.EmailedThroughSeq"/>; others are ignored.
    /// </summary>
    public static ContinuityDecision Decide(bool enabled, bool hasSupportAddress, Conversation c, EndUser endUser, IEnumerable<Message> messages)
    {
        var reason = !enabled ? NotEmailedReason.TurnedOff
            : c.Status == ConversationStatus.Closed ? NotEmailedReason.Closed
            : null as NotEmailedReason?;
        if (reason is { } early)
        {
            return new([], early);
        }
        var unread = Unread(c, messages).ToList();
        var why = unread.Count == 0 ? NotEmailedReason.AllRead
            : string.IsNullOrWhiteSpace(endUser.Email) ? NotEmailedReason.NoEmail
            : endUser.Unsubscribed ? NotEmailedReason.Unsubscribed
            : endUser.EmailBouncing ? NotEmailedReason.Bouncing
            : !hasSupportAddress ? NotEmailedReason.NoSupportAddress
            : NotEmailedReason.None;
        return why == NotEmailedReason.None ? new(unread, why) : new([], why);
    }
}
