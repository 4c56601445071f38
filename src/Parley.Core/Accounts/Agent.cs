namespace Parley.Core.Accounts;

/// <summary>A staff member who signs in to the workspace: an admin or an agent.</summary>
public sealed class Agent
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    /// <summary>Lower-case, trimmed email used for look-ups so sign-in is case-insensitive.</summary>
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public required string PasswordHash { get; set; }
    public AgentRole Role { get; set; }
    /// <summary>Only agents with chat access can take messaging conversations.</summary>
    public bool ChatAccess { get; set; }
    public AgentStatus Status { get; set; } = AgentStatus.Offline;
    public bool IsActive { get; set; } = true;
    public int FailedSignInCount { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
    /// <summary>
    /// The last sign of life from the agent: a status change or an open workspace tab's heartbeat. An agent not
    /// seen for the presence timeout counts as Offline, whatever <see cref="Status"/> says.
    /// </summary>
    public DateTimeOffset? LastSeenAt { get; set; }
    /// <summary>Changes on password change or deactivation so existing sign-in cookies stop working.</summary>
    public Guid SecurityStamp { get; set; }
}

public enum AgentRole
{
    Agent,
    Admin,
}

public enum AgentStatus
{
    Offline,
    Away,
    Online,
}
