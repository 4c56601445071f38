namespace Parley.Core.Email.Outbound;

/// <summary>What an outbox email is for.</summary>
public enum OutboundEmailKind
{
    /// <summary>Unread agent replies, emailed after the inactivity window.</summary>
    Continuation,
    /// <summary>The admin's "send test email".</summary>
    Test,
}

public enum OutboundEmailStatus
{
    /// <summary>Waiting for its first or next attempt (<see cref="OutboundEmail.DueAt"/>).</summary>
    Queued,
    /// <summary>Claimed by a server that is sending it; another may take it over once the lease ends.</summary>
    Sending,
    Sent,
    /// <summary>Refused for good (5xx) or out of attempts.</summary>
    Failed,
    /// <summary>No longer to be sent, e.g. continuous conversations were turned off first.</summary>
    Cancelled,
}

/// <summary>
/// One email in the outbox, written in the transaction that decided to send it, as the finished MIME
/// message, so every attempt sends the same bytes with the same Message-ID.
/// </summary>
public sealed class OutboundEmail
{
    public Guid Id { get; set; }
    public OutboundEmailKind Kind { get; set; }
    public Guid SupportAddressId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? EndUserId { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    /// <summary>Without angle brackets; also the thread's next In-Reply-To.</summary>
    public required string MessageId { get; set; }
    public required byte[] Mime { get; set; }
    /// <summary>The lowest and highest message sequence numbers this email carries (continuation emails).</summary>
    public long FromSeq { get; set; }
    public long ThroughSeq { get; set; }
    public int MessageCount { get; set; }
    public OutboundEmailStatus Status { get; set; }
    /// <summary>When it may next be attempted (queued) or when the sender's lease ends (sending); null once finished.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public int Attempts { get; set; }
    public string? LastResult { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>One try at delivering an outbox email and what came of it.</summary>
public sealed class OutboundEmailAttempt
{
    public Guid Id { get; set; }
    public Guid EmailId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Null when the email was withdrawn instead of tried.</summary>
    public DeliveryOutcome? Outcome { get; set; }
    public required string Detail { get; set; }
}
