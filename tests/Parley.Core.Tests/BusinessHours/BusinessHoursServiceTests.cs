using Microsoft.EntityFrameworkCore;
using Parley.Core.BusinessHours;

namespace Parley.Core.Tests.BusinessHours;

public sealed class BusinessHoursServiceTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private BusinessHoursService _hours = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _hours = _t.BusinessHours();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private static ScheduleInput Input(string name, string zone = "Europe/Berlin") =>
        new(name, zone, [new("monday", "09:00", "17:00"), new("friday", "22:00", "02:00")], [new("2026-12-25", "Christmas Day")]);

    private async Task<List<BusinessSchedule>> StoredAsync()
    {
        await using var db = _t.NewContext();
        return await db.BusinessSchedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
    }

    [Fact]
    public async Task The_first_schedule_becomes_the_default_and_later_ones_do_not()
    {
        var first = await _hours.CreateAsync(Input("Support"), default);
        var second = await _hours.CreateAsync(Input("Sales", "America/New_York"), default);

        Assert.True(first.IsDefault);
        Assert.False(second.IsDefault);
        var stored = await StoredAsync();
        Assert.Equal(["Sales", "Support"], stored.Select(s => s.Name));
        var support = stored.Single(s => s.Name == "Support");
        Assert.Equal([new WeeklyInterval(DayOfWeek.Monday, new(9, 0), new(17, 0)), new WeeklyInterval(DayOfWeek.Friday, new(22, 0), new(2, 0))], support.Intervals);
        Assert.Equal([new Holiday(new(2026, 12, 25), "Christmas Day")], support.Holidays);
    }

    [Fact]
    public async Task Changing_the_default_moves_it_and_keeps_one()
    {
        var first = await _hours.CreateAsync(Input("Support"), default);
        var second = await _hours.CreateAsync(Input("Sales"), default);

        await _hours.MakeDefaultAsync(second.Id, default);

        var stored = await StoredAsync();
        Assert.Equal(second.Id, stored.Single(s => s.IsDefault).Id);
        Assert.False(stored.Single(s => s.Id == first.Id).IsDefault);
    }

    [Fact]
    public async Task The_default_cannot_be_deleted_while_others_remain_but_can_be_as_the_last()
    {
        var first = await _hours.CreateAsync(Input("Support"), default);
        var second = await _hours.CreateAsync(Input("Sales"), default);

        var refused = await Assert.ThrowsAsync<ParleyProblem>(() => _hours.DeleteAsync(first.Id, default));
        Assert.Equal("default-schedule", refused.Code);
        Assert.Equal(2, (await StoredAsync()).Count);

        await _hours.DeleteAsync(second.Id, default);
        await _hours.DeleteAsync(first.Id, default);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task An_invalid_update_saves_nothing()
    {
        var schedule = await _hours.CreateAsync(Input("Support"), default);
        var before = await StoredAsync();

        await Assert.ThrowsAsync<ParleyProblem>(() => _hours.UpdateAsync(schedule.Id,
            new ScheduleInput("Renamed", "Europe/Berlin", [new("monday", "nine", "17:00")]), default));

        Assert.Equivalent(before, await StoredAsync(), strict: true);
    }

    [Fact]
    public async Task An_update_replaces_the_hours_and_holidays()
    {
        var schedule = await _hours.CreateAsync(Input("Support"), default);
        _t.Clock.Advance(TimeSpan.FromMinutes(5));

        await _hours.UpdateAsync(schedule.Id, new ScheduleInput("Support desk", "Asia/Seoul", [new("saturday", "10:00", "14:00")]), default);

        var stored = Assert.Single(await StoredAsync());
        Assert.Equal("Support desk", stored.Name);
        Assert.Equal("Asia/Seoul", stored.TimeZone);
        Assert.Equal([new WeeklyInterval(DayOfWeek.Saturday, new(10, 0), new(14, 0))], stored.Intervals);
        Assert.Empty(stored.Holidays);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.UpdatedAt);
        Assert.True(stored.IsDefault);
    }

    [Fact]
    public async Task Two_schedules_cannot_share_a_name()
    {
        await _hours.CreateAsync(Input("Support"), default);

        var refused = await Assert.ThrowsAsync<ParleyProblem>(() => _hours.CreateAsync(Input("support"), default));
        Assert.Equal(["name"], refused.Errors!.Keys);
        Assert.Single(await StoredAsync());
    }

    [Fact]
    public async Task Unknown_schedules_are_not_found()
    {
        var id = Guid.NewGuid();
        Assert.Equal("schedule-not-found", (await Assert.ThrowsAsync<ParleyProblem>(() => _hours.UpdateAsync(id, Input("X"), default))).Code);
        Assert.Equal("schedule-not-found", (await Assert.ThrowsAsync<ParleyProblem>(() => _hours.DeleteAsync(id, default))).Code);
        Assert.Equal("schedule-not-found", (await Assert.ThrowsAsync<ParleyProblem>(() => _hours.MakeDefaultAsync(id, default))).Code);
    }
}
