using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Realtime;

/// <summary>Live streams; configured under Parley:Realtime.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Parley:Realtime";

    /// <summary>Seconds of silence after which a stream sends a ping.</summary>
    [Range(1, 300)] public int HeartbeatSeconds { get; set; } = 20;
    /// <summary>Most messages replayed to a reconnecting messenger; older ones are read through the history API.</summary>
    [Range(10, 10_000)] public int MaxReplay { get; set; } = 500;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);
}
