using Parley.Core.BusinessHours;

namespace Parley.Core.Tests.BusinessHours;

/// <summary>
/// "Open now?" over the wall clock of a time zone. Instants are written with their UTC offsets so every
/// expectation is independent of the code under test; the 2026 clock changes used are in each test's comment.
/// </summary>
public sealed class BusinessHoursCalendarTests
{
    private static BusinessHoursCalendar Calendar(string zone, string[] intervals, params string[] holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone), intervals.Select(Interval), holidays.Select(DateOnly.Parse));

    /// <summary>"Mon 09:00-17:00".</summary>
    private static WeeklyInterval Interval(string text)
    {
        var parts = text.Split(' ', '-');
        var day = Enum.GetValues<DayOfWeek>().Single(d => d.ToString().StartsWith(parts[0], StringComparison.Ordinal));
        return new WeeklyInterval(day, TimeOnly.Parse(parts[1]), TimeOnly.Parse(parts[2]));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-02T08:59:59+01:00", false)]
    [InlineData("2026-03-02T09:00:00+01:00", true)]
    [InlineData("2026-03-02T16:59:59+01:00", true)]
    [InlineData("2026-03-02T17:00:00+01:00", false)]
    [InlineData("2026-03-03T12:00:00+01:00", false)]
    public void Open_from_the_start_of_an_interval_until_just_before_its_end(string at, bool open)
    {
        var calendar = Calendar("Europe/Berlin", ["Mon 09:00-17:00"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Theory]
    // Berlin springs forward on 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC). 01:00–04:00 lasts two real hours.
    [InlineData("2026-03-28T23:59:59Z", false)]
    [InlineData("2026-03-29T00:00:00Z", true)]
    [InlineData("2026-03-29T00:59:59Z", true)]
    [InlineData("2026-03-29T01:00:00Z", true)]
    [InlineData("2026-03-29T01:59:59Z", true)]
    [InlineData("2026-03-29T02:00:00Z", false)]
    public void On_the_spring_forward_day_an_interval_across_the_gap_is_shorter_by_the_lost_hour(string at, bool open)
    {
        var calendar = Calendar("Europe/Berlin", ["Sun 01:00-04:00"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Fact]
    public void An_interval_starting_in_the_spring_forward_gap_opens_when_the_clocks_jump()
    {
        var calendar = Calendar("Europe/Berlin", ["Sun 02:30-05:00"]);

        Assert.False(calendar.IsOpen(At("2026-03-29T00:59:59Z")));
        Assert.True(calendar.IsOpen(At("2026-03-29T01:00:00Z")));
        Assert.Equal(At("2026-03-29T03:00:00+02:00"), calendar.NextOpening(At("2026-03-28T20:00:00Z")));
    }

    [Fact]
    public void An_interval_entirely_inside_the_spring_forward_gap_does_not_happen_that_day()
    {
        var calendar = Calendar("Europe/Berlin", ["Sun 02:00-02:45"]);

        Assert.False(calendar.IsOpen(At("2026-03-29T01:00:00Z")));
        // A week later the clock shows 02:00 again.
        Assert.Equal(At("2026-04-05T02:00:00+02:00"), calendar.NextOpening(At("2026-03-29T00:00:00Z")));
    }

    [Theory]
    // Berlin falls back on 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00 UTC), so 02:00–03:00 happens twice.
    [InlineData("2026-10-24T22:59:59Z", false)]
    [InlineData("2026-10-24T23:00:00Z", true)]  // 01:00 CEST
    [InlineData("2026-10-25T00:30:00Z", true)]  // 02:30 CEST, the first time
    [InlineData("2026-10-25T01:30:00Z", true)]  // 02:30 CET, the second time
    [InlineData("2026-10-25T03:59:59Z", true)]  // 04:59:59 CET
    [InlineData("2026-10-25T04:00:00Z", false)] // 05:00 CET
    public void On_the_fall_back_day_an_interval_across_the_repeated_hour_is_longer_by_it(string at, bool open)
    {
        var calendar = Calendar("Europe/Berlin", ["Sun 01:00-05:00"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Theory]
    [InlineData("2026-10-25T00:15:00Z", true)]  // 02:15 CEST
    [InlineData("2026-10-25T00:45:00Z", false)] // 02:45 CEST: closed at the first 02:30
    [InlineData("2026-10-25T01:15:00Z", false)] // 02:15 CET: the repeated hour does not reopen it
    public void An_interval_ending_in_the_repeated_hour_ends_the_first_time_the_clock_shows_its_end(string at, bool open)
    {
        var calendar = Calendar("Europe/Berlin", ["Sat 22:00-02:30"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Fact]
    public void New_York_opens_at_nine_local_on_both_sides_of_spring_forward()
    {
        // New York springs forward on 2026-03-08: 02:00 EST becomes 03:00 EDT.
        var calendar = Calendar("America/New_York", ["Sat 09:00-17:00", "Sun 09:00-17:00"]);

        Assert.True(calendar.IsOpen(At("2026-03-07T14:00:00Z")));  // Saturday 09:00 EST
        Assert.False(calendar.IsOpen(At("2026-03-08T12:59:00Z"))); // Sunday 08:59 EDT
        Assert.True(calendar.IsOpen(At("2026-03-08T13:00:00Z")));  // Sunday 09:00 EDT
        Assert.Equal(At("2026-03-08T09:00:00-04:00"), calendar.NextOpening(At("2026-03-07T17:00:00-05:00")));
    }

    [Theory]
    // New York falls back on 2026-11-01: 02:00 EDT becomes 01:00 EST (06:00 UTC). Sat 20:00–08:00 lasts 13 real hours.
    [InlineData("2026-10-31T23:59:59Z", false)]
    [InlineData("2026-11-01T00:00:00Z", true)]  // Saturday 20:00 EDT
    [InlineData("2026-11-01T05:30:00Z", true)]  // 01:30 EDT
    [InlineData("2026-11-01T06:30:00Z", true)]  // 01:30 EST
    [InlineData("2026-11-01T12:59:59Z", true)]  // 07:59:59 EST
    [InlineData("2026-11-01T13:00:00Z", false)] // 08:00 EST
    public void An_overnight_interval_across_fall_back_runs_until_its_local_end(string at, bool open)
    {
        var calendar = Calendar("America/New_York", ["Sat 20:00-08:00"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Theory]
    [InlineData("2026-03-06T21:59:59+01:00", false)]
    [InlineData("2026-03-06T22:00:00+01:00", true)]
    [InlineData("2026-03-07T00:00:00+01:00", true)]
    [InlineData("2026-03-07T01:59:59+01:00", true)]
    [InlineData("2026-03-07T02:00:00+01:00", false)]
    public void An_interval_whose_end_is_not_after_its_start_runs_past_midnight(string at, bool open)
    {
        var calendar = Calendar("Europe/Berlin", ["Fri 22:00-02:00"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Theory]
    [InlineData("2026-03-02T00:00:00+01:00", true)]
    [InlineData("2026-03-02T23:59:59+01:00", true)]
    [InlineData("2026-03-03T00:00:00+01:00", false)]
    public void Midnight_to_midnight_is_the_whole_day_and_no_more(string at, bool open)
    {
        var calendar = Calendar("Europe/Berlin", ["Mon 00:00-00:00"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Fact]
    public void An_interval_ending_at_midnight_closes_at_midnight()
    {
        var calendar = Calendar("Europe/Berlin", ["Fri 18:00-00:00"]);

        Assert.True(calendar.IsOpen(At("2026-03-06T23:59:59+01:00")));
        Assert.False(calendar.IsOpen(At("2026-03-07T00:00:00+01:00")));
    }

    [Fact]
    public void A_holiday_closes_its_date_all_day()
    {
        var calendar = Calendar("Europe/Berlin", ["Mon 09:00-17:00", "Tue 09:00-17:00"], "2026-03-02");

        Assert.False(calendar.IsOpen(At("2026-03-02T12:00:00+01:00")));
        Assert.True(calendar.IsOpen(At("2026-03-03T12:00:00+01:00")));
        Assert.Equal(At("2026-03-03T09:00:00+01:00"), calendar.NextOpening(At("2026-03-02T08:00:00+01:00")));
    }

    [Fact]
    public void A_holiday_after_midnight_closes_the_end_of_an_overnight_interval()
    {
        var calendar = Calendar("Europe/Berlin", ["Fri 22:00-02:00"], "2026-03-07");

        Assert.True(calendar.IsOpen(At("2026-03-06T23:30:00+01:00")));
        Assert.False(calendar.IsOpen(At("2026-03-07T00:00:00+01:00")));
        Assert.False(calendar.IsOpen(At("2026-03-07T01:00:00+01:00")));
    }

    [Fact]
    public void A_holiday_before_midnight_cancels_the_overnight_interval_that_starts_on_it()
    {
        var calendar = Calendar("Europe/Berlin", ["Fri 22:00-02:00"], "2026-03-06");

        Assert.False(calendar.IsOpen(At("2026-03-06T23:30:00+01:00")));
        Assert.False(calendar.IsOpen(At("2026-03-07T01:00:00+01:00")));
        Assert.Equal(At("2026-03-13T22:00:00+01:00"), calendar.NextOpening(At("2026-03-06T20:00:00+01:00")));
    }

    [Theory]
    [InlineData("2026-03-02T03:14:59Z", false)]
    [InlineData("2026-03-02T03:15:00Z", true)]
    [InlineData("2026-03-02T11:14:59Z", true)]
    [InlineData("2026-03-02T11:15:00Z", false)]
    public void Kathmandu_opens_on_its_quarter_hour_offset(string at, bool open)
    {
        // UTC+05:45, no daylight saving.
        var calendar = Calendar("Asia/Kathmandu", ["Mon 09:00-17:00"]);
        Assert.Equal(open, calendar.IsOpen(At(at)));
    }

    [Fact]
    public void Lord_Howe_half_hour_spring_forward_opens_an_interval_from_the_gap_when_the_clocks_jump()
    {
        // Lord Howe Island springs forward on 2026-10-04: 02:00 (+10:30) becomes 02:30 (+11:00), at 15:30 UTC the day before.
        var calendar = Calendar("Australia/Lord_Howe", ["Sun 02:00-03:00"]);

        Assert.False(calendar.IsOpen(At("2026-10-03T15:29:59Z")));
        Assert.True(calendar.IsOpen(At("2026-10-03T15:30:00Z")));
        Assert.False(calendar.IsOpen(At("2026-10-03T16:00:00Z")));
        Assert.Equal(At("2026-10-03T15:30:00Z"), calendar.NextOpening(At("2026-10-03T15:00:00Z")));
    }

    [Fact]
    public void Lord_Howe_half_hour_fall_back_lengthens_an_interval_across_it_by_half_an_hour()
    {
        // Lord Howe Island falls back on 2026-04-05: 02:00 (+11:00) becomes 01:30 (+10:30), at 15:00 UTC the day before.
        var calendar = Calendar("Australia/Lord_Howe", ["Sun 01:00-03:00"]);

        Assert.True(calendar.IsOpen(At("2026-04-04T14:00:00Z")));   // 01:00 +11:00
        Assert.True(calendar.IsOpen(At("2026-04-04T16:29:59Z")));   // 02:59:59 +10:30
        Assert.False(calendar.IsOpen(At("2026-04-04T16:30:00Z")));  // 03:00 +10:30
    }

    [Fact]
    public void Next_opening_after_Friday_closing_is_Monday_morning_and_skips_a_Monday_holiday()
    {
        string[] weekdays = ["Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 09:00-17:00", "Thu 09:00-17:00", "Fri 09:00-17:00"];
        var friday = At("2026-03-06T17:30:00+01:00");

        Assert.Equal(At("2026-03-09T09:00:00+01:00"), Calendar("Europe/Berlin", weekdays).NextOpening(friday));
        Assert.Equal(At("2026-03-10T09:00:00+01:00"), Calendar("Europe/Berlin", weekdays, "2026-03-09").NextOpening(friday));
    }

    [Fact]
    public void Next_opening_while_open_is_now()
    {
        var at = At("2026-03-02T10:00:00+01:00");
        Assert.Equal(at, Calendar("Europe/Berlin", ["Mon 09:00-17:00"]).NextOpening(at));
    }

    [Fact]
    public void A_schedule_without_hours_is_always_closed_and_never_opens()
    {
        var calendar = Calendar("Europe/Berlin", []);

        Assert.False(calendar.IsOpen(At("2026-03-02T10:00:00+01:00")));
        Assert.Null(calendar.NextOpening(At("2026-03-02T10:00:00+01:00")));
    }

    [Fact]
    public void Next_opening_looks_past_many_holidays_on_the_only_open_day()
    {
        var mondays = Enumerable.Range(0, 20).Select(w => new DateOnly(2026, 3, 2).AddDays(7 * w).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var calendar = Calendar("Europe/Berlin", ["Mon 09:00-17:00"], [.. mondays]);

        // The 21st Monday, 2026-07-20, in summer time.
        Assert.Equal(At("2026-07-20T09:00:00+02:00"), calendar.NextOpening(At("2026-03-01T12:00:00+01:00")));
    }

    [Fact]
    public void Next_opening_during_a_holiday_inside_an_overnight_interval_waits_for_the_next_interval()
    {
        var calendar = Calendar("Europe/Berlin", ["Sun 22:00-02:00"], "2026-03-02");

        // Monday 00:30 is a holiday although Sunday's interval still runs.
        Assert.False(calendar.IsOpen(At("2026-03-02T00:30:00+01:00")));
        Assert.Equal(At("2026-03-08T22:00:00+01:00"), calendar.NextOpening(At("2026-03-02T00:30:00+01:00")));
        Assert.Equal(At("2026-03-01T23:00:00+01:00"), calendar.NextOpening(At("2026-03-01T23:00:00+01:00")));
    }

    [Fact]
    public void Overlapping_intervals_of_different_days_count_as_their_union()
    {
        var calendar = Calendar("Europe/Berlin", ["Mon 20:00-03:00", "Tue 01:00-05:00"]);

        Assert.True(calendar.IsOpen(At("2026-03-03T02:00:00+01:00")));
        Assert.True(calendar.IsOpen(At("2026-03-03T04:00:00+01:00")));
        Assert.False(calendar.IsOpen(At("2026-03-03T05:00:00+01:00")));
    }
}
