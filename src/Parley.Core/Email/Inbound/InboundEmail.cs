namespace Parley.Core.Email.Inbound;

/// <summary>How an email reached Parley; all ways feed the same <see cref="InboundPipeline"/>.</summary>
public enum InboundSource
{
    /// <summary>Fetched from a support mailbox over IMAP.</summary>
    Imap,
    /// <summary>Posted to the HTTP endpoint by a mail server or provider.</summary>
    Http,
    /// <summary>Piped into <c>parley mail ingest</c> by a mail server.</summary>
    Command,
    /// <summary>Written with the development mailbox's reply form.</summary>
    DevelopmentMailbox,
}

/// <summary>What became of an incoming email.</summary>
public enum InboundEmailStatus
{
    /// <summary>Stored, not yet handled (a crash mid-way leaves it here; the next delivery of it finishes it).</summary>
    Received,
    /// <summary>Became an end-user message in its conversation.</summary>
    Posted,
    /// <summary>From someone other than the conversation's end user: waits for an agent to accept or discard it.</summary>
    Held,
    /// <summary>Names no conversation: listed for admins.</summary>
    Unrouted,
    /// <summary>An auto-reply (vacation, out of office, list copy): never a message.</summary>
    Automatic,
    /// <summary>A delivery failure report: marks the address as bouncing when permanent.</summary>
    Bounce,
    /// <summary>Nothing of the end user's own was left once quoted history and signatures were removed.</summary>
    Empty,
    /// <summary>An agent or admin discarded it.</summary>
    Discarded,
}

/// <summary>
/// An email that came in, stored before anything is done with it so that nothing is lost, and unique by
/// its Message-ID so that the same email delivered twice is handled once. The raw bytes are an
/// <see cref="InboundEmailContent"/> row of their own, so lists never read them.
/// </summary>
public sealed class InboundEmail
{
    public const int MaxKeyLength = 300;
    public const int MaxDetailLength = 1000;

    public Guid Id { get; set; }
    public InboundSource Source { get; set; }
    /// <summary>The mailbox it was fetched from, for IMAP.</summary>
    public Guid? SupportAddressId { get; set; }
    /// <summary>The Message-ID without brackets, or "sha256:…" of the bytes for an email without one.</summary>
    public required string MessageKey { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public string Subject { get; set; } = "";
    /// <summary>The Date header, when it had a valid one.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public long SizeBytes { get; set; }
    public InboundEmailStatus Status { get; set; }
    /// <summary>Why it has its status, in words for agents and admins (e.g. who it was from when held).</summary>
    public string? Detail { get; set; }
    /// <summary>Which strategy found the conversation: "reply-token", "in-reply-to" or "references".</summary>
    public string? RoutedBy { get; set; }
    public Guid? ConversationId { get; set; }
    /// <summary>The end-user message it became.</summary>
    public Guid? PostedMessageId { get; set; }
    /// <summary>What Parley kept of the body (quoted history and signature removed).</summary>
    public string? Text { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public Guid? HandledByAgentId { get; set; }
}

/// <summary>The bytes of an incoming email as they arrived, so an agent can always see the original.</summary>
public sealed class InboundEmailContent
{
    public Guid InboundEmailId { get; set; }
    public required byte[] Raw { get; set; }
}

/// <summary>
/// How far a support mailbox has been read over IMAP: the last UID handled under the folder's
/// UIDVALIDITY, and a lease so only one server reads a mailbox at a time.
/// </summary>
public sealed class MailboxCheckpoint
{
    public Guid SupportAddressId { get; set; }
    public string Folder { get; set; } = "INBOX";
    public long UidValidity { get; set; }
    public long LastUid { get; set; }
    /// <summary>Until when the server named by <see cref="LeaseOwner"/> reads this mailbox.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public string? LastError { get; set; }
}
