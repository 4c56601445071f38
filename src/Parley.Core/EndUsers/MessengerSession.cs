namespace Parley.Core.EndUsers;

/// <summary>A messenger's proof of being a given end user. Only the hash of the token is stored.</summary>
public sealed class MessengerSession
{
    public Guid Id { get; set; }
    public Guid EndUserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
