using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Workers;

/// <summary>Background work; configured under Parley:Workers.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Parley:Workers";

    /// <summary>Turns every background loop off, for tests that drive the work themselves.</summary>
    public bool Enabled { get; set; } = true;
    [Range(1, 3600)] public int AutoCloseIntervalSeconds { get; set; } = 60;
    [Range(1, 10_000)] public int BatchSize { get; set; } = 100;
    /// <summary>How often the trigger worker looks for work nobody woke it for (left by a server that stopped).</summary>
    [Range(1, 300)] public int TriggerPollSeconds { get; set; } = 5;
}
