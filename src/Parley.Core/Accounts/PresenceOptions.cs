using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Accounts;

/// <summary>How long an agent counts as present without a sign of life; configured under Parley:Presence.</summary>
public sealed class PresenceOptions : IValidatableObject
{
    public const string Section = "Parley:Presence";

    /// <summary>How often an open workspace tab says the agent is still there.</summary>
    [Range(5, 600)] public int HeartbeatSeconds { get; set; } = 60;
    /// <summary>An agent not heard from for this long (or longer) counts as Offline (and is set Offline by the presence worker).</summary>
    [Range(15, 3600)] public int TimeoutSeconds { get; set; } = 180;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // One late heartbeat must not take an agent offline.
        if (TimeoutSeconds < 2 * HeartbeatSeconds)
        {
            yield return new ValidationResult(
                $"{nameof(TimeoutSeconds)} ({TimeoutSeconds}) must be at least twice {nameof(HeartbeatSeconds)} ({HeartbeatSeconds}).",
                [nameof(TimeoutSeconds)]);
        }
    }
}
