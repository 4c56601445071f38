namespace Parley.Core.Accounts;

/// <summary>A secret an integration presents as a bearer token; it acts as its owning agent within its scopes.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 of the secret; the secret itself is shown once at creation and never stored.</summary>
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the secret, so an admin can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    public Guid AgentId { get; set; }
    public ApiScopes Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>What an API token may do. An agent's own role still limits it.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    /// <summary>Read conversations, messages, agents and the event stream.</summary>
    Read = 1,
    /// <summary>Reply, add notes, assign, change status.</summary>
    Write = 2,
    /// <summary>Change settings and manage agents and tokens (the owner must be an admin).</summary>
    Admin = 4,
}
