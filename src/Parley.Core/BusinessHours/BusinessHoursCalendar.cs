namespace Parley.Core.BusinessHours;

/// <summary>
/// Whether one schedule is open at an instant and when it opens next: pure code over the schedule's time
/// zone, weekly intervals and holidays, so every rule (DST, midnight, holidays) is tested without a database.
/// The rules are in this folder's README.
/// </summary>
public sealed class BusinessHoursCalendar
{
    private readonly Dictionary<DayOfWeek, WeeklyInterval[]> _byDay;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessHoursCalendar(TimeZoneInfo zone, IEnumerable<WeeklyInterval> intervals, IEnumerable<DateOnly> holidays)
    {
        Zone = zone;
        _byDay = intervals.GroupBy(i => i.Day).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Start).ToArray());
        _holidays = [.. holidays];
    }

    /// <summary>
    /// The calendar of a stored schedule. A zone the server's time zone data no longer knows (it was validated when
    /// saved) reads as UTC rather than failing every messenger and trigger that asks.
    /// </summary>
    public static BusinessHoursCalendar For(BusinessSchedule schedule) =>
        new(ScheduleRules.FindTimeZone(schedule.TimeZone) ?? TimeZoneInfo.Utc, schedule.Intervals, schedule.Holidays.Select(h => h.Date));

    public TimeZoneInfo Zone { get; }

    /// <summary>Whether the business is open at <paramref name="at"/>.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        var today = LocalDate(at);
        if (_holidays.Contains(today))
        {
            return false;
        }
        // An interval lasts at most a day, so only those that started today or on the two days before can reach now.
        for (var date = today.AddDays(-2); date <= today; date = date.AddDays(1))
        {
            foreach (var (start, end) in Occurrences(date))
            {
                if (start <= at && at < end)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// The first instant at or after <paramref name="at"/> when the business is open (<paramref name="at"/> itself
    /// when it is open now); null when the schedule never opens.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset at)
    {
        if (_byDay.Count == 0)
        {
            return null;
        }
        var today = LocalDate(at);
        // A week in which the business never opens needs a holiday on each of its open days, so the search ends.
        var last = today.AddDays(7 * (_holidays.Count + 2));
        DateTimeOffset? best = null;
        for (var date = today.AddDays(-2); date <= last; date = date.AddDays(1))
        {
            // Intervals of later days start later than anything found already.
            if (best is { } found && found <= StartOfDay(date))
            {
                break;
            }
            foreach (var (start, end) in Occurrences(date))
            {
                if (end > at && FirstOpenInstant(start > at ? start : at, end) is { } open && (best is null || open < best))
                {
                    best = open;
                }
            }
        }
        return best;
    }

    /// <summary>The local calendar date at an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>
    /// The instants an interval of <paramref name="date"/> covers; none on a holiday (the shift that would start
    /// on a holiday does not happen, also its part after midnight).
    /// </summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(DateOnly date)
    {
        if (_holidays.Contains(date) || !_byDay.TryGetValue(date.DayOfWeek, out var intervals))
        {
            yield break;
        }
        foreach (var interval in intervals)
        {
            var start = LocalTimes.ToInstant(Zone, date.ToDateTime(interval.Start));
            var end = LocalTimes.ToInstant(Zone, (interval.Overnight ? date.AddDays(1) : date).ToDateTime(interval.End));
            // Empty when the whole interval falls in a spring-forward gap: those wall-clock times never happen.
            if (end > start)
            {
                yield return (start, end);
            }
        }
    }

    /// <summary>The first instant in [from, end) whose local date is not a holiday.</summary>
    private DateTimeOffset? FirstOpenInstant(DateTimeOffset from, DateTimeOffset end)
    {
        for (var t = from; t < end; t = StartOfDay(LocalDate(t).AddDays(1)))
        {
            if (!_holidays.Contains(LocalDate(t)))
            {
                return t;
            }
        }
        return null;
    }

    private DateTimeOffset StartOfDay(DateOnly date) => LocalTimes.ToInstant(Zone, date.ToDateTime(TimeOnly.MinValue));
}
