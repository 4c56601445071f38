namespace Parley.Core.EndUsers;

/// <summary>A person who writes in the messenger: anonymous, or identified by the website.</summary>
public sealed class EndUser
{
    public Guid Id { get; set; }
    /// <summary>The website's own id for a logged-in user, from a signed identity token.</summary>
    public string? ExternalId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    /// <summary>True only when a signed identity token said so; a typed address is never verified.</summary>
    public bool EmailVerified { get; set; }
    public bool EmailBouncing { get; set; }
    public bool Unsubscribed { get; set; }
    /// <summary>BCP 47 language tag, e.g. "pt-BR".</summary>
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
}
