using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Parley.Server.Operations;

namespace Parley.Server.Workspace;

/// <summary>
/// The workspace and admin center tabs connected to this server and sending presence heartbeats, per agent.
/// Exported as the gauge parley.workspace.tabs; tests read it to know when a closed tab has really gone.
/// </summary>
public sealed class WorkspaceTabs
{
    private readonly ConcurrentDictionary<Guid, int> _byAgent = new();

    public WorkspaceTabs(IMeterFactory meters) =>
        meters.Create(ParleyMetrics.MeterName).CreateObservableGauge("parley.workspace.tabs", () => _byAgent.Values.Sum(),
            description: "Workspace tabs connected to this server and keeping their agents present.");

    /// <summary>How many of the agent's tabs are connected to this server.</summary>
    public int Connected(Guid agentId) => _byAgent.TryGetValue(agentId, out var n) ? n : 0;

    internal void Opened(Guid agentId) => _byAgent.AddOrUpdate(agentId, 1, (_, n) => n + 1);

    internal void Closed(Guid agentId)
    {
        if (_byAgent.AddOrUpdate(agentId, 0, (_, n) => n - 1) <= 0)
        {
            _byAgent.TryRemove(new KeyValuePair<Guid, int>(agentId, 0));
        }
    }
}
