namespace Parley.Server.Operations;

/// <summary>First-run behaviour; configured under Parley:Setup.</summary>
public sealed class SetupOptions
{
    public const string Section = "Parley:Setup";

    /// <summary>On an empty database, also create a demo agent and conversation (the admin is always created).</summary>
    public bool DemoData { get; set; } = true;
    /// <summary>Apply database migrations at start.</summary>
    public bool Migrate { get; set; } = true;
}
