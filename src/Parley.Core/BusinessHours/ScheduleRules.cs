using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Core.BusinessHours;

/// <summary>A schedule as a client sends it: every value as text, so each bad one is reported by its field.</summary>
public sealed record ScheduleInput(string? Name, string? TimeZone, IReadOnlyList<IntervalInput>? Intervals = null, IReadOnlyList<HolidayInput>? Holidays = null);

/// <summary>One opening interval: a day ("monday") and local times "09:00" to "17:30".</summary>
public sealed record IntervalInput(string? Day, string? Start, string? End);

/// <summary>One holiday: a local date "2026-12-25" and its name.</summary>
public sealed record HolidayInput(string? Date, string? Name);

/// <summary>A schedule's validated content, ready to store.</summary>
public sealed record ValidSchedule(string Name, string TimeZone, IReadOnlyList<WeeklyInterval> Intervals, IReadOnlyList<Holiday> Holidays);

/// <summary>
/// Checks a schedule field by field (the errors are named like "intervals[2].start") and normalises it:
/// overlapping intervals of a day merge, intervals and holidays are sorted.
/// </summary>
public static partial class ScheduleRules
{
    /// <summary>The message for a holiday date given twice, so a page can tell it from a malformed date.</summary>
    public const string DuplicateHolidayMessage = "This date is already a holiday.";

    /// <summary>The validated schedule; throws a validation problem naming every bad field, having changed nothing.</summary>
    public static ValidSchedule Validate(ScheduleInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > BusinessSchedule.MaxNameLength)
        {
            errors["name"] = [$"A name of 1 to {BusinessSchedule.MaxNameLength} characters is required."];
        }
        var zone = FindTimeZone(input.TimeZone);
        if (zone is null)
        {
            errors["timeZone"] = ["Choose a time zone such as Europe/Berlin."];
        }

        var intervals = new List<WeeklyInterval>();
        var givenIntervals = input.Intervals ?? [];
        if (givenIntervals.Count > BusinessSchedule.MaxIntervals)
        {
            errors["intervals"] = [$"A schedule can have at most {BusinessSchedule.MaxIntervals} opening hours."];
        }
        else
        {
            for (var i = 0; i < givenIntervals.Count; i++)
            {
                var given = givenIntervals[i];
                var day = ParseDay(given?.Day);
                var start = ParseTime(given?.Start);
                var end = ParseTime(given?.End);
                if (day is null) { errors[$"intervals[{i}].day"] = ["Choose a day of the week."]; }
                if (start is null) { errors[$"intervals[{i}].start"] = ["Enter a start time like 09:00."]; }
                if (end is null) { errors[$"intervals[{i}].end"] = ["Enter an end time like 17:00."]; }
                if (day is { } d && start is { } s && end is { } e)
                {
                    intervals.Add(new WeeklyInterval(d, s, e));
                }
            }
        }

        var holidays = new List<Holiday>();
        var givenHolidays = input.Holidays ?? [];
        if (givenHolidays.Count > BusinessSchedule.MaxHolidays)
        {
            errors["holidays"] = [$"A schedule can have at most {BusinessSchedule.MaxHolidays} holidays."];
        }
        else
        {
            for (var i = 0; i < givenHolidays.Count; i++)
            {
                var date = ParseDate(givenHolidays[i]?.Date);
                var holidayName = givenHolidays[i]?.Name?.Trim() ?? "";
                if (date is null)
                {
                    errors[$"holidays[{i}].date"] = ["Enter a date like 2026-12-25."];
                }
                else if (holidays.Any(h => h.Date == date))
                {
                    errors[$"holidays[{i}].date"] = [DuplicateHolidayMessage];
                }
                if (holidayName.Length is 0 or > BusinessSchedule.MaxHolidayNameLength)
                {
                    errors[$"holidays[{i}].name"] = [$"Name the holiday in 1 to {BusinessSchedule.MaxHolidayNameLength} characters."];
                }
                if (date is { } valid)
                {
                    holidays.Add(new Holiday(valid, holidayName));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ParleyProblem(ProblemKind.Validation, "validation", "The schedule was not saved.", errors);
        }
        return new ValidSchedule(name, zone!.Id, Merge(intervals), [.. holidays.OrderBy(h => h.Date)]);
    }

    /// <summary>
    /// Merges each day's intervals that overlap or touch (09:00–12:00 and 11:00–17:00 become 09:00–17:00), as long
    /// as the result still fits in one day; sorted by day (Monday first) and start.
    /// </summary>
    public static IReadOnlyList<WeeklyInterval> Merge(IEnumerable<WeeklyInterval> intervals)
    {
        var merged = new List<WeeklyInterval>();
        foreach (var day in intervals.GroupBy(i => i.Day).OrderBy(g => ((int)g.Key + 6) % 7))
        {
            // Minutes from the day's midnight; an overnight interval ends past 1440.
            var spans = day.Select(i => (Start: Minutes(i.Start), End: Minutes(i.Start) + (int)i.Length.TotalMinutes))
                .OrderBy(s => s.Start).ThenBy(s => s.End).ToList();
            var current = spans[0];
            foreach (var next in spans.Skip(1))
            {
                var end = Math.Max(current.End, next.End);
                if (next.Start <= current.End && end - current.Start <= 1440)
                {
                    current = (current.Start, end);
                }
                else
                {
                    merged.Add(ToInterval(day.Key, current));
                    current = next;
                }
            }
            merged.Add(ToInterval(day.Key, current));
        }
        return merged;
    }

    /// <summary>The IANA time zone an id names, or null. Ids are matched without regard to case and returned as the system spells them.</summary>
    public static TimeZoneInfo? FindTimeZone(string? id)
    {
        id = id?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !ZonePattern().IsMatch(id))
        {
            return null;
        }
        var listed = TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => string.Equals(z.Id, id, StringComparison.OrdinalIgnoreCase));
        if (listed is not null)
        {
            return listed;
        }
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            // Windows names ("Pacific Standard Time") resolve too, but the stored id must be IANA.
            return zone.HasIanaId ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static int Minutes(TimeOnly t) => (t.Hour * 60) + t.Minute;

    private static WeeklyInterval ToInterval(DayOfWeek day, (int Start, int End) span) =>
        new(day, new TimeOnly(span.Start / 60, span.Start % 60), new TimeOnly(span.End % 1440 / 60, span.End % 60));

    private static DayOfWeek? ParseDay(string? value) =>
        value is { Length: > 0 } v && char.IsLetter(v[0]) && Enum.TryParse<DayOfWeek>(v.Trim(), ignoreCase: true, out var day) ? day : null;

    /// <summary>"HH:mm" on a 24-hour clock; seconds are not part of opening hours.</summary>
    private static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+/-]*$")]
    private static partial Regex ZonePattern();
}
