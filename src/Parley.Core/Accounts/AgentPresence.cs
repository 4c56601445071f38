using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.Accounts;

/// <summary>
/// Keeps an agent's status true to whether they are there: open workspace tabs send heartbeats, signing out
/// sets Offline, and agents not heard from for the presence timeout are set Offline.
/// </summary>
public sealed class AgentPresence(AppDbContext db, AccountAvailability availability, IEventPublisher events, TimeProvider clock, IOptions<PresenceOptions> options)
{
    /// <summary>The agent is still there (an open workspace tab says so). Returns false for an agent that is gone or inactive.</summary>
    public async Task<bool> HeartbeatAsync(Guid agentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId && a.IsActive, ct);
        if (agent is null)
        {
            return false;
        }
        var wasStale = agent.LastSeenAt is not { } seen || seen <= now - options.Value.Timeout;
        agent.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        // Back after a gap the presence worker has not yet handled: the agent counts again.
        if (wasStale && agent.Status != AgentStatus.Offline)
        {
            await availability.AnnounceStatusAsync(ct);
        }
        return true;
    }

    /// <summary>The agent signed out: Offline until they choose otherwise.</summary>
    public async Task SignOutAsync(Guid agentId, CancellationToken ct)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId, ct);
        if (agent is null || agent.Status == AgentStatus.Offline)
        {
            return;
        }
        agent.Status = AgentStatus.Offline;
        await db.SaveChangesAsync(ct);
        events.Publish(new AgentStatusChanged(agent.Id, AgentStatus.Offline));
        await availability.AnnounceStatusAsync(ct);
    }

    /// <summary>
    /// Claims one batch of agents who are not Offline but have not been seen for the timeout, sets them Offline
    /// and announces what changed. Safe on several servers: each agent row goes to one of them.
    /// </summary>
    public async Task<int> ExpireStaleAsync(int batchSize, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Timeout;
        List<Agent> stale;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            stale = await db.Agents
                .Where(a => a.Status != AgentStatus.Offline && (a.LastSeenAt == null || a.LastSeenAt <= cutoff))
                .OrderBy(a => a.Id).Take(batchSize).ForClaim().ToListAsync(ct);
            foreach (var agent in stale)
            {
                agent.Status = AgentStatus.Offline;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        foreach (var agent in stale)
        {
            events.Publish(new AgentStatusChanged(agent.Id, AgentStatus.Offline));
        }
        // Also when nothing was claimed: the status may have moved by the clock alone, or a change elsewhere raced.
        await availability.AnnounceStatusAsync(ct);
        return stale.Count;
    }
}
