using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Core.Data;
using Parley.Server.Api;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessHours;

/// <summary>Schedules over the REST API: admins build them, every agent reads them, and a bad one saves nothing.</summary>
public abstract class BusinessHoursApiTests(ParleyApp app) : IAsyncLifetime
{
    private static object Schedule(string name, string zone = "Europe/Berlin") => new
    {
        name,
        timeZone = zone,
        intervals = new[] { new { day = "monday", start = "09:00", end = "17:00" }, new { day = "friday", start = "22:00", end = "02:00" } },
        holidays = new[] { new { date = "2026-12-25", name = "Christmas Day" } },
    };

    // The tests of a class share one database: each starts without schedules.
    public Task InitializeAsync() => app.InScopeAsync(async sp =>
        await sp.GetRequiredService<AppDbContext>().BusinessSchedules.ExecuteDeleteAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<List<BusinessSchedule>> StoredAsync() => app.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().BusinessSchedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync());

    private static async Task<ScheduleResponse> CreateAsync(AgentClient admin, object schedule) =>
        await Expect.JsonAsync<ScheduleResponse>(await admin.Client.PostAsJsonAsync("/api/v1/business-hours", schedule, ParleyApp.Json), HttpStatusCode.Created);

    [Fact]
    public async Task Admin_creates_schedules_and_the_first_becomes_the_default()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);

        var support = await CreateAsync(admin, Schedule("Support"));
        var sales = await CreateAsync(admin, Schedule("Sales", "america/new_york"));

        Assert.True(support.IsDefault);
        Assert.False(sales.IsDefault);
        Assert.Equal("America/New_York", sales.TimeZone);
        Assert.Equal([new IntervalInput("monday", "09:00", "17:00"), new IntervalInput("friday", "22:00", "02:00")], support.Intervals);
        Assert.Equal([new HolidayInput("2026-12-25", "Christmas Day")], support.Holidays);
        var listed = await Expect.JsonAsync<List<ScheduleResponse>>(await admin.Client.GetAsync("/api/v1/business-hours"), HttpStatusCode.OK);
        Assert.Equal(["Support", "Sales"], listed.Select(s => s.Name));
    }

    [Fact]
    public async Task A_bad_schedule_names_each_bad_field_and_saves_nothing()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);

        var response = await admin.Client.PostAsJsonAsync("/api/v1/business-hours", new
        {
            name = "Support",
            timeZone = "Atlantis/Capital",
            intervals = new[] { new { day = "monday", start = "09:00", end = "17:00" }, new { day = "monday", start = "nine", end = "17:00" } },
            holidays = new[] { new { date = "2026-02-30", name = "Not a day" } },
        }, ParleyApp.Json);

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["holidays[0].date", "intervals[1].start", "timeZone"], fields);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Every_agent_reads_schedules_but_only_admins_change_them()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var created = await CreateAsync(admin, Schedule("Support"));
        var agent = await app.SignInNewAgentAsync();

        await Expect.StatusAsync(await agent.Client.GetAsync($"/api/v1/business-hours/{created.Id}"), HttpStatusCode.OK);
        await Expect.StatusAsync(await agent.Client.PostAsJsonAsync("/api/v1/business-hours", Schedule("Mine"), ParleyApp.Json), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await agent.Client.PutAsJsonAsync($"/api/v1/business-hours/{created.Id}", Schedule("Renamed"), ParleyApp.Json), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await agent.Client.DeleteAsync($"/api/v1/business-hours/{created.Id}"), HttpStatusCode.Forbidden);
        Assert.Equal(["Support"], (await StoredAsync()).Select(s => s.Name));
    }

    [Fact]
    public async Task The_default_moves_on_request_and_cannot_be_deleted_while_others_remain()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var support = await CreateAsync(admin, Schedule("Support"));
        var sales = await CreateAsync(admin, Schedule("Sales"));

        await Expect.ProblemAsync(await admin.Client.DeleteAsync($"/api/v1/business-hours/{support.Id}"), HttpStatusCode.Conflict, "default-schedule");
        var moved = await Expect.JsonAsync<ScheduleResponse>(await admin.Client.PostAsync($"/api/v1/business-hours/{sales.Id}/default", null), HttpStatusCode.OK);
        Assert.True(moved.IsDefault);
        await Expect.StatusAsync(await admin.Client.DeleteAsync($"/api/v1/business-hours/{support.Id}"), HttpStatusCode.NoContent);

        var left = Assert.Single(await StoredAsync());
        Assert.Equal(sales.Id, left.Id);
        Assert.True(left.IsDefault);
    }

    [Fact]
    public async Task An_update_replaces_the_schedule_and_an_unknown_one_is_not_found()
    {
        var admin = await app.SignInNewAgentAsync(AgentRole.Admin);
        var support = await CreateAsync(admin, Schedule("Support"));

        var updated = await Expect.JsonAsync<ScheduleResponse>(await admin.Client.PutAsJsonAsync($"/api/v1/business-hours/{support.Id}",
            new { name = "Support desk", timeZone = "Asia/Kathmandu", intervals = new[] { new { day = "sunday", start = "10:00", end = "14:00" } } },
            ParleyApp.Json), HttpStatusCode.OK);

        Assert.Equal("Support desk", updated.Name);
        Assert.Equal("Asia/Kathmandu", updated.TimeZone);
        Assert.Equal([new IntervalInput("sunday", "10:00", "14:00")], updated.Intervals);
        Assert.Empty(updated.Holidays);
        await Expect.ProblemAsync(await admin.Client.GetAsync($"/api/v1/business-hours/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "schedule-not-found");
        await Expect.ProblemAsync(await admin.Client.PutAsJsonAsync($"/api/v1/business-hours/{Guid.NewGuid()}", Schedule("X"), ParleyApp.Json),
            HttpStatusCode.NotFound, "schedule-not-found");
    }
}

public sealed class BusinessHoursApiTests_Sqlite(SqliteApp app) : BusinessHoursApiTests(app), IClassFixture<SqliteApp>;

public sealed class BusinessHoursApiTests_Postgres(PostgresApp app) : BusinessHoursApiTests(app), IClassFixture<PostgresApp>;
