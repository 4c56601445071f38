using Parley.Core.BusinessHours;

namespace Parley.Core.Tests.BusinessHours;

public sealed class ScheduleRulesTests
{
    private static ScheduleInput Valid(IReadOnlyList<IntervalInput>? intervals = null, IReadOnlyList<HolidayInput>? holidays = null) =>
        new("Support desk", "Europe/Berlin", intervals ?? [new("monday", "09:00", "17:00")], holidays ?? []);

    private static IReadOnlyDictionary<string, string[]> Errors(ScheduleInput input) =>
        Assert.Throws<ParleyProblem>(() => ScheduleRules.Validate(input)).Errors!;

    [Fact]
    public void A_valid_schedule_is_trimmed_sorted_and_kept()
    {
        var valid = ScheduleRules.Validate(new ScheduleInput("  Support desk ", "Europe/Berlin",
            [new("Tuesday", "09:00", "17:00"), new("MONDAY", "22:00", "02:00")],
            [new("2026-12-26", " Boxing Day "), new("2026-12-25", "Christmas Day")]));

        Assert.Equal("Support desk", valid.Name);
        Assert.Equal("Europe/Berlin", valid.TimeZone);
        Assert.Equal([new WeeklyInterval(DayOfWeek.Monday, new(22, 0), new(2, 0)), new WeeklyInterval(DayOfWeek.Tuesday, new(9, 0), new(17, 0))], valid.Intervals);
        Assert.Equal([new Holiday(new(2026, 12, 25), "Christmas Day"), new Holiday(new(2026, 12, 26), "Boxing Day")], valid.Holidays);
    }

    [Fact]
    public void Overlapping_and_touching_intervals_of_a_day_merge()
    {
        var valid = ScheduleRules.Validate(Valid([
            new("monday", "11:00", "17:00"), new("monday", "09:00", "12:00"), new("monday", "17:00", "18:00"),
            new("monday", "20:00", "21:00"), new("monday", "20:30", "01:00"),
        ]));

        Assert.Equal([
            new WeeklyInterval(DayOfWeek.Monday, new(9, 0), new(18, 0)),
            new WeeklyInterval(DayOfWeek.Monday, new(20, 0), new(1, 0)),
        ], valid.Intervals);
    }

    [Fact]
    public void Intervals_that_together_would_last_longer_than_a_day_stay_apart()
    {
        var merged = ScheduleRules.Merge([new(DayOfWeek.Friday, new(0, 0), new(0, 0)), new(DayOfWeek.Friday, new(23, 0), new(22, 0))]);
        Assert.Equal(2, merged.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Pacific Standard Time")]
    [InlineData("../../etc/passwd")]
    public void An_unknown_or_non_IANA_time_zone_is_refused(string? zone)
    {
        var errors = Errors(Valid() with { TimeZone = zone });
        Assert.Equal(["timeZone"], errors.Keys);
    }

    [Fact]
    public void A_time_zone_id_in_other_case_is_stored_as_the_system_spells_it()
    {
        Assert.Equal("America/New_York", ScheduleRules.Validate(Valid() with { TimeZone = "america/new_york" }).TimeZone);
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var errors = Errors(new ScheduleInput(" ", "Nowhere/City",
            [new("monday", "09:00", "17:00"), new("someday", "9am", "25:00")],
            [new("2026-12-25", "Christmas"), new("2026-12-25", ""), new("25.12.2026", "Also Christmas")]));

        Assert.Equal(
            ["holidays[1].date", "holidays[1].name", "holidays[2].date", "intervals[1].day", "intervals[1].end", "intervals[1].start", "name", "timeZone"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("7")]
    public void A_day_must_be_named_not_numbered(string day)
    {
        Assert.Equal(["intervals[0].day"], Errors(Valid([new(day, "09:00", "17:00")])).Keys);
    }

    [Fact]
    public void Too_many_intervals_or_holidays_are_refused()
    {
        var intervals = Enumerable.Range(0, BusinessSchedule.MaxIntervals + 1).Select(_ => new IntervalInput("monday", "09:00", "10:00")).ToList();
        var holidays = Enumerable.Range(0, BusinessSchedule.MaxHolidays + 1)
            .Select(i => new HolidayInput(new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Day off")).ToList();

        Assert.Equal(["holidays", "intervals"], Errors(Valid(intervals, holidays)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_schedule_without_hours_is_valid_and_always_closed()
    {
        Assert.Empty(ScheduleRules.Validate(Valid([])).Intervals);
    }
}
