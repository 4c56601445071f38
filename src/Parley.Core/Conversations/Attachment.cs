namespace Parley.Core.Conversations;

/// <summary>A file attached to a message; the bytes live in attachment storage under <see cref="StorageKey"/>.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string StorageKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
