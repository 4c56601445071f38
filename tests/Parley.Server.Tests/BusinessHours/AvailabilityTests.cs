using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Core.Data;
using Parley.Server.Api;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.BusinessHours;

/// <summary>
/// The account status stays true (sign-out, stale presence), is announced on the event stream, and the messenger
/// learns whether anyone can answer now and when the business opens again.
/// </summary>
public abstract class AvailabilityTests(ParleyApp app) : IAsyncLifetime
{
    // The tests of a class share one database: each starts with every agent offline and no schedules.
    public Task InitializeAsync() => app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Agents.ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AgentStatus.Offline));
        await db.BusinessSchedules.ExecuteDeleteAsync();
        await db.Settings.ExecuteUpdateAsync(u => u.SetProperty(s => s.AnnouncedStatus, AccountStatus.Offline));
        return 0;
    });

    public Task DisposeAsync() => Task.CompletedTask;

    private TimeSpan Timeout => app.Services.GetRequiredService<IOptions<PresenceOptions>>().Value.Timeout;

    private async Task<MessengerStatus> MessengerStatusAsync() =>
        await Expect.JsonAsync<MessengerStatus>(await app.Anonymous().GetAsync("/messenger/v1/status"), HttpStatusCode.OK);

    private static async Task GoOnlineAsync(AgentClient agent) =>
        await Expect.StatusAsync(await agent.Client.PutAsJsonAsync("/api/v1/me/status", new { status = "online" }, ParleyApp.Json), HttpStatusCode.OK);

    private Task<AgentStatus> StoredStatusAsync(Guid agentId) => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Agents.Where(a => a.Id == agentId).Select(a => a.Status).SingleAsync());

    private Task<int> SweepAsync() => app.InScopeAsync(sp => sp.GetRequiredService<AgentPresence>().ExpireStaleAsync(100, default));

    [Fact]
    public async Task Signing_out_sets_the_agent_offline_and_with_them_the_account()
    {
        var agent = await app.SignInNewAgentAsync();
        await GoOnlineAsync(agent);
        Assert.Equal(AccountStatus.Online, (await MessengerStatusAsync()).Status);

        await Expect.StatusAsync(await agent.SignOutAsync(), HttpStatusCode.NoContent);

        Assert.Equal(AgentStatus.Offline, await StoredStatusAsync(agent.Id));
        var status = await MessengerStatusAsync();
        Assert.Equal(AccountStatus.Offline, status.Status);
        Assert.False(status.Available);
        await Expect.StatusAsync(await agent.GetMeAsync(), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_agent_who_left_without_signing_out_counts_as_offline_after_the_timeout_and_the_sweep_says_so()
    {
        var watcher = await app.SignInNewAgentAsync(AgentRole.Admin);
        var agent = await app.SignInNewAgentAsync();
        await using var events = await watcher.OpenEventsAsync();
        await GoOnlineAsync(agent);
        Assert.Equal("online", (await events.NextMatchingAsync(e => e.Type == "account.status")).Json.GetProperty("status").GetString());

        app.Clock.Advance(Timeout);

        Assert.Equal(AccountStatus.Offline, (await MessengerStatusAsync()).Status);
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(AgentStatus.Offline, await StoredStatusAsync(agent.Id));
        var offline = await events.NextMatchingAsync(e => e.Type == "account.status");
        Assert.Equal("offline", offline.Json.GetProperty("status").GetString());
        // Announced once, however often the sweep runs.
        Assert.Equal(0, await SweepAsync());
        Assert.True(await events.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Setting_a_status_again_is_a_sign_of_life()
    {
        var agent = await app.SignInNewAgentAsync();
        await GoOnlineAsync(agent);

        app.Clock.Advance(Timeout / 2);
        await GoOnlineAsync(agent);
        app.Clock.Advance(Timeout / 2);

        Assert.Equal(0, await SweepAsync());
        Assert.Equal(AccountStatus.Online, (await MessengerStatusAsync()).Status);
    }

    [Fact]
    public async Task An_online_agent_without_schedules_makes_the_business_available()
    {
        var agent = await app.SignInNewAgentAsync();
        Assert.Equal(new MessengerStatus(false, AccountStatus.Offline, true, null), await MessengerStatusAsync());

        await GoOnlineAsync(agent);

        Assert.Equal(new MessengerStatus(true, AccountStatus.Online, true, null), await MessengerStatusAsync());
    }

    [Fact]
    public async Task Outside_business_hours_the_messenger_learns_the_next_opening_even_with_an_agent_online()
    {
        var agent = await app.SignInNewAgentAsync();
        await GoOnlineAsync(agent);
        var now = app.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // Open all day every day in UTC, but today is a holiday.
        await app.InScopeAsync(sp => sp.GetRequiredService<BusinessHoursService>().CreateAsync(new ScheduleInput("Support", "UTC",
            [.. Enum.GetNames<DayOfWeek>().Select(d => new IntervalInput(d, "00:00", "00:00"))],
            [new HolidayInput(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Founders' Day")]), default));

        var status = await MessengerStatusAsync();

        Assert.False(status.Available);
        Assert.Equal(AccountStatus.Online, status.Status);
        Assert.False(status.WithinBusinessHours);
        Assert.Equal(new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), status.NextOpening);
        var api = await Expect.JsonAsync<AvailabilityResponse>(await agent.Client.GetAsync("/api/v1/availability"), HttpStatusCode.OK);
        Assert.Equal("UTC", api.TimeZone);
        Assert.Equal(status.NextOpening, api.NextOpening);
    }

    [Fact]
    public async Task The_messenger_status_needs_no_session_and_names_nothing_about_agents()
    {
        var agent = await app.SignInNewAgentAsync(name: "Secret Name");
        await GoOnlineAsync(agent);

        var response = await app.Anonymous().GetAsync("/messenger/v1/status");

        var body = await response.Content.ReadAsStringAsync();
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.DoesNotContain("Secret Name", body, StringComparison.Ordinal);
        Assert.DoesNotContain(agent.Email, body, StringComparison.Ordinal);
    }
}

public sealed class AvailabilityTests_Sqlite(SqliteApp app) : AvailabilityTests(app), IClassFixture<SqliteApp>;

public sealed class AvailabilityTests_Postgres(PostgresApp app) : AvailabilityTests(app), IClassFixture<PostgresApp>;
