using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Core.Events;

namespace Parley.Core.Tests.Accounts;

/// <summary>The account status derived from its agents (and their presence), and business hours as triggers ask for them.</summary>
public sealed class AccountAvailabilityTests : IAsyncLifetime
{
    private TestDatabase _t = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _t.Db.Settings.Add(new AccountSettings());
        await _t.Db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Task<AccountStatus> StatusAsync() => _t.Availability().StatusAsync(default);

    private async Task<Guid> AgentAsync(string name, AgentStatus status, bool chatAccess = true)
    {
        var agent = await _t.AddAgentAsync(name, chatAccess: chatAccess);
        if (status != AgentStatus.Offline)
        {
            await _t.Agents().SetStatusAsync(agent.AgentId, status, default);
        }
        return agent.AgentId;
    }

    [Fact]
    public async Task Without_agents_the_account_is_offline()
    {
        Assert.Equal(AccountStatus.Offline, await StatusAsync());
    }

    [Fact]
    public async Task One_online_agent_with_chat_access_makes_the_account_online()
    {
        await AgentAsync("Away Agent", AgentStatus.Away);
        Assert.Equal(AccountStatus.Away, await StatusAsync());

        await AgentAsync("Online Agent", AgentStatus.Online);
        Assert.Equal(AccountStatus.Online, await StatusAsync());
    }

    [Fact]
    public async Task Agents_without_chat_access_or_deactivated_do_not_count()
    {
        await AgentAsync("No Chat", AgentStatus.Online, chatAccess: false);
        var gone = await AgentAsync("Gone Agent", AgentStatus.Online);
        await _t.Agents().UpdateAsync(gone, new AgentChanges(IsActive: false), default);

        Assert.Equal(AccountStatus.Offline, await StatusAsync());
    }

    [Fact]
    public async Task An_online_agent_not_seen_for_the_presence_timeout_counts_as_offline()
    {
        await AgentAsync("Sam Support", AgentStatus.Online);

        _t.Clock.Advance(_t.Presence.Timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(AccountStatus.Online, await StatusAsync());

        _t.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AccountStatus.Offline, await StatusAsync());
    }

    [Fact]
    public async Task Heartbeats_keep_an_online_agent_counted_however_long_the_tab_stays_open()
    {
        var sam = await AgentAsync("Sam Support", AgentStatus.Online);

        for (var minute = 0; minute < 30; minute++)
        {
            _t.Clock.Advance(_t.Presence.Heartbeat);
            Assert.True(await _t.AgentPresence().HeartbeatAsync(sam, default));
        }

        Assert.Equal(AccountStatus.Online, await StatusAsync());
    }

    [Fact]
    public async Task Each_change_of_the_account_status_is_announced_once()
    {
        var sam = await AgentAsync("Sam Support", AgentStatus.Online);
        await AgentAsync("Kim Helper", AgentStatus.Online);
        await _t.Agents().SetStatusAsync(sam, AgentStatus.Away, default);
        await _t.AgentPresence().SignOutAsync(sam, default);

        Assert.Equal([AccountStatus.Online], Announced());

        _t.Clock.Advance(_t.Presence.Timeout);
        await _t.AgentPresence().ExpireStaleAsync(100, default);
        await _t.AgentPresence().ExpireStaleAsync(100, default);

        Assert.Equal([AccountStatus.Online, AccountStatus.Offline], Announced());
    }

    [Fact]
    public async Task Losing_chat_access_is_announced_when_it_changes_the_account_status()
    {
        var sam = await AgentAsync("Sam Support", AgentStatus.Online);
        await _t.Agents().UpdateAsync(sam, new AgentChanges(ChatAccess: false), default);

        Assert.Equal([AccountStatus.Online, AccountStatus.Offline], Announced());
    }

    private List<AccountStatus> Announced() => [.. _t.Events.Published.OfType<AccountStatusChanged>().Select(e => e.Status)];

    [Fact]
    public async Task Without_schedules_it_is_always_within_business_hours_in_UTC()
    {
        var availability = _t.Availability();

        Assert.True(await availability.IsWithinBusinessHoursAsync(null, _t.Clock.GetUtcNow(), default));
        Assert.Equal(TimeZoneInfo.Utc, await availability.TimeZoneAsync(default));
        var now = await availability.NowAsync(default);
        Assert.True(now.WithinBusinessHours);
        Assert.Null(now.NextOpening);
    }

    [Fact]
    public async Task The_default_schedule_decides_the_hours_and_the_account_time_zone()
    {
        // The clock starts on Monday 2026-03-02 09:00 UTC: 18:00 in Seoul, 10:00 in Berlin.
        await _t.BusinessHours().CreateAsync(new ScheduleInput("Seoul", "Asia/Seoul", [new("monday", "09:00", "17:00"), new("tuesday", "09:00", "17:00")]), default);
        var berlin = await _t.BusinessHours().CreateAsync(new ScheduleInput("Berlin", "Europe/Berlin", [new("monday", "09:00", "17:00")]), default);
        var availability = _t.Availability();
        var now = _t.Clock.GetUtcNow();

        Assert.False(await availability.IsWithinBusinessHoursAsync(null, now, default));
        Assert.True(await availability.IsWithinBusinessHoursAsync(berlin.Id, now, default));
        Assert.Equal("Asia/Seoul", (await availability.TimeZoneAsync(default)).Id);
        var seoul = await availability.NowAsync(default);
        Assert.Equal(DateTimeOffset.Parse("2026-03-03T09:00:00+09:00", System.Globalization.CultureInfo.InvariantCulture), seoul.NextOpening);
        Assert.Equal("Seoul", seoul.ScheduleName);
        Assert.False(seoul.Available);

        await _t.BusinessHours().MakeDefaultAsync(berlin.Id, default);
        var fresh = _t.Availability();
        Assert.True(await fresh.IsWithinBusinessHoursAsync(null, now, default));
        Assert.Equal("Europe/Berlin", (await fresh.TimeZoneAsync(default)).Id);
    }

    [Fact]
    public async Task An_unknown_schedule_is_a_not_found_problem()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _t.Availability().IsWithinBusinessHoursAsync(Guid.NewGuid(), _t.Clock.GetUtcNow(), default));
        Assert.Equal(ProblemKind.NotFound, problem.Kind);
        Assert.Equal("schedule-not-found", problem.Code);
    }
}
