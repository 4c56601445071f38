namespace Parley.Core.Conversations;

/// <summary>
/// A file attached to a message: its metadata only. The bytes are an <see cref="AttachmentContent"/> row of
/// their own, so listing messages never reads them.
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    /// <summary>Where it was in the files sent with the message, so they are always shown in that order.</summary>
    public int Position { get; set; }
    /// <summary>Safe to show and to offer as a download name (see <see cref="AttachmentRules.FileName"/>).</summary>
    public required string FileName { get; set; }
    /// <summary>Decided by the server from the name and the bytes, never taken from the client.</summary>
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The bytes of one attachment, written in the same transaction as its message.</summary>
public sealed class AttachmentContent
{
    public Guid AttachmentId { get; set; }
    public required byte[] Content { get; set; }
}
