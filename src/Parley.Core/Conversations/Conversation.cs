namespace Parley.Core.Conversations;

/// <summary>One end user's conversation with the business, from the first message until it is closed.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    /// <summary>Readable display number, unique across the account (#1042).</summary>
    public long Number { get; set; }
    public Guid EndUserId { get; set; }
    public ConversationStatus Status { get; set; } = ConversationStatus.New;
    public Guid? AssigneeId { get; set; }
    /// <summary>The closed conversation this one follows up, when the end user wrote after it closed.</summary>
    public Guid? FollowUpOfId { get; set; }
    /// <summary>The page the end user wrote from first.</summary>
    public string? PageUrl { get; set; }
    /// <summary>Client id of the first message, so a retried start creates one conversation.</summary>
    public string? StartClientId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Sequence number of the newest message; messages are numbered 1, 2, 3 ... per conversation.</summary>
    public long LastMessageSeq { get; set; }
    public DateTimeOffset? LastMessageAt { get; set; }
    /// <summary>The end user's read position: every message with a sequence number up to this was seen.</summary>
    public long EndUserReadSeq { get; set; }
    public DateTimeOffset? LastEndUserActivityAt { get; set; }
    public DateTimeOffset? LastEndUserMessageAt { get; set; }

    /// <summary>
    /// When the first human agent reply after the end user's last message was sent; the continuity
    /// inactivity window runs from here. Null while no such reply is waiting.
    /// </summary>
    public DateTimeOffset? ContinuityWindowStartedAt { get; set; }
    /// <summary>Agent messages up to this sequence number were already emailed; never emailed twice.</summary>
    public long EmailedThroughSeq { get; set; }
    /// <summary>The unguessable part of this conversation's Reply-To address (support+token@domain); made with its first email.</summary>
    public string? ReplyToken { get; set; }
    /// <summary>When and to where the last continuation email was queued.</summary>
    public DateTimeOffset? LastEmailedAt { get; set; }
    public string? LastEmailedTo { get; set; }
    /// <summary>Why the last window that ended sent no email (null when it sent one), and when.</summary>
    public Continuity.NotEmailedReason? NotEmailedReason { get; set; }
    public DateTimeOffset? NotEmailedAt { get; set; }

    public DateTimeOffset? SolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Labels set by triggers (and later by agents), normalised by <see cref="ConversationTags"/>.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Optimistic concurrency: changes made from stale copies are refused.</summary>
    public Guid Version { get; set; }
}
