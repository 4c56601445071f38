using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Events;

namespace Parley.Core.Tests.Accounts;

/// <summary>An agent's status stays true to whether they are there: sign-out, heartbeats and the stale-presence sweep.</summary>
public sealed class AgentPresenceTests : IAsyncLifetime
{
    private TestDatabase _t = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _t.Db.Settings.Add(new AccountSettings());
        await _t.Db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<AgentStatus> StoredStatusAsync(Guid agentId)
    {
        await using var db = _t.NewContext();
        return await db.Agents.Where(a => a.Id == agentId).Select(a => a.Status).SingleAsync();
    }

    private async Task<Guid> OnlineAgentAsync(string name)
    {
        var agent = await _t.AddAgentAsync(name);
        await _t.Agents().SetStatusAsync(agent.AgentId, AgentStatus.Online, default);
        return agent.AgentId;
    }

    [Fact]
    public async Task Signing_out_sets_the_agent_offline_and_says_so()
    {
        var sam = await OnlineAgentAsync("Sam Support");
        _t.Events.Clear();

        await _t.AgentPresence().SignOutAsync(sam, default);

        Assert.Equal(AgentStatus.Offline, await StoredStatusAsync(sam));
        Assert.Contains(new AgentStatusChanged(sam, AgentStatus.Offline), _t.Events.Published);
        Assert.Contains(new AccountStatusChanged(AccountStatus.Offline), _t.Events.Published);
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task The_sweep_sets_only_agents_not_seen_for_the_timeout_offline()
    {
        var gone = await OnlineAgentAsync("Gone Agent");
        _t.Clock.Advance(TimeSpan.FromMinutes(2));
        var here = await OnlineAgentAsync("Here Agent");
        _t.Clock.Advance(_t.Presence.Timeout - TimeSpan.FromMinutes(2));

        var expired = await _t.AgentPresence().ExpireStaleAsync(100, default);

        Assert.Equal(1, expired);
        Assert.Equal(AgentStatus.Offline, await StoredStatusAsync(gone));
        Assert.Equal(AgentStatus.Online, await StoredStatusAsync(here));
        Assert.Contains(new AgentStatusChanged(gone, AgentStatus.Offline), _t.Events.Published);
    }

    [Fact]
    public async Task An_agent_back_before_the_sweep_counts_again_and_it_is_announced()
    {
        var sam = await OnlineAgentAsync("Sam Support");
        _t.Clock.Advance(_t.Presence.Timeout + TimeSpan.FromMinutes(1));
        await _t.Availability().AnnounceStatusAsync(default);
        _t.Events.Clear();

        await _t.AgentPresence().HeartbeatAsync(sam, default);

        Assert.Equal(AccountStatus.Online, await _t.Availability().StatusAsync(default));
        Assert.Equal([new AccountStatusChanged(AccountStatus.Online)], _t.Events.Published.OfType<AccountStatusChanged>());
    }

    [Fact]
    public async Task A_heartbeat_for_a_deactivated_agent_is_refused()
    {
        var sam = await OnlineAgentAsync("Sam Support");
        await _t.AddAgentAsync("Ada Admin", AgentRole.Admin);
        await _t.Agents().UpdateAsync(sam, new AgentChanges(IsActive: false), default);

        Assert.False(await _t.AgentPresence().HeartbeatAsync(sam, default));
    }

    [Fact]
    public async Task An_agent_set_offline_by_the_sweep_stays_offline_when_their_tab_returns()
    {
        var sam = await OnlineAgentAsync("Sam Support");
        _t.Clock.Advance(_t.Presence.Timeout);
        await _t.AgentPresence().ExpireStaleAsync(100, default);

        await _t.AgentPresence().HeartbeatAsync(sam, default);

        // They choose to be online again; a returning tab does not promise end users an answer on its own.
        Assert.Equal(AgentStatus.Offline, await StoredStatusAsync(sam));
        Assert.Equal(AccountStatus.Offline, await _t.Availability().StatusAsync(default));
    }
}
