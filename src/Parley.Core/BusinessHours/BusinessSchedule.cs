namespace Parley.Core.BusinessHours;

/// <summary>
/// When the business answers: weekly opening hours in a time zone, and holidays when it is closed all day.
/// One schedule is the account's default, whose time zone is also the account's.
/// </summary>
public sealed class BusinessSchedule
{
    public const int MaxNameLength = 100;
    public const int MaxIntervals = 70;
    public const int MaxHolidays = 200;
    public const int MaxHolidayNameLength = 100;
    /// <summary>How many schedules an account may keep.</summary>
    public const int MaxSchedules = 50;

    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>An IANA time zone id such as "Europe/Berlin"; the weekly hours and holidays are local to it.</summary>
    public required string TimeZone { get; set; }
    /// <summary>The account's default schedule; exactly one when there are any (a unique index keeps it one).</summary>
    public bool IsDefault { get; set; }
    /// <summary>Opening hours by day of week, merged where they overlap, ordered by day and start.</summary>
    public IReadOnlyList<WeeklyInterval> Intervals { get; set; } = [];
    /// <summary>Local dates on which the business is closed, ordered by date.</summary>
    public IReadOnlyList<Holiday> Holidays { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Open from <see cref="Start"/> on <see cref="Day"/>, local time, until <see cref="End"/>. An end that is not
/// after the start is on the next day (22:00–02:00 runs past midnight; 00:00–00:00 is the whole day).
/// </summary>
public readonly record struct WeeklyInterval(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    /// <summary>How long the interval lasts on the wall clock: more than zero, at most a day.</summary>
    public TimeSpan Length => End == Start ? TimeSpan.FromDays(1) : End - Start; // TimeOnly subtraction wraps past midnight

    /// <summary>Whether it runs past midnight into the next day.</summary>
    public bool Overnight => End <= Start;
}

/// <summary>A local calendar date on which the business is closed all day.</summary>
public sealed record Holiday(DateOnly Date, string Name);
