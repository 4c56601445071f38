using Parley.Core.BusinessHours;

namespace Parley.Server.Admin;

/// <summary>
/// A schedule as the Business hours page edits it: rows per day and holiday rows, turned into Core's input on
/// save. It remembers which row became which input index, so Core's errors ("intervals[3].start") land on their row.
/// </summary>
public sealed class ScheduleDraft
{
    /// <summary>Monday first, as the week is shown.</summary>
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly List<IntervalRow> _sent = [];

    /// <summary>The schedule being edited; null for a new one.</summary>
    public Guid? Id { get; init; }
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public Dictionary<DayOfWeek, List<IntervalRow>> Days { get; } = Week.ToDictionary(d => d, _ => new List<IntervalRow>());
    public List<HolidayRow> Holidays { get; } = [];

    public static ScheduleDraft New(string timeZone)
    {
        var draft = new ScheduleDraft { TimeZone = timeZone };
        // A usual start: weekdays nine to five, to adjust.
        foreach (var day in Week.Take(5))
        {
            draft.Days[day].Add(new IntervalRow());
        }
        return draft;
    }

    public static ScheduleDraft From(BusinessSchedule schedule)
    {
        var draft = new ScheduleDraft { Id = schedule.Id, Name = schedule.Name, TimeZone = schedule.TimeZone };
        foreach (var i in schedule.Intervals)
        {
            draft.Days[i.Day].Add(new IntervalRow { Start = Time(i.Start), End = Time(i.End) });
        }
        draft.Holidays.AddRange(schedule.Holidays.Select(h => new HolidayRow
        {
            Date = h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Name = h.Name,
        }));
        return draft;
    }

    /// <summary>Core's input, intervals in the order shown (Monday first).</summary>
    public ScheduleInput ToInput()
    {
        _sent.Clear();
        var intervals = new List<IntervalInput>();
        foreach (var day in Week)
        {
            foreach (var row in Days[day])
            {
                _sent.Add(row);
                intervals.Add(new IntervalInput(day.ToString(), row.Start, row.End));
            }
        }
        return new ScheduleInput(Name, TimeZone, intervals, [.. Holidays.Select(h => new HolidayInput(h.Date, h.Name))]);
    }

    /// <summary>The input index a row was sent as in the last <see cref="ToInput"/>, or -1.</summary>
    public int IndexOf(IntervalRow row) => _sent.IndexOf(row);

    private static string Time(TimeOnly t) => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One opening interval being edited; times as the browser's time inputs give them ("09:00").</summary>
public sealed class IntervalRow
{
    public string Start { get; set; } = "09:00";
    public string End { get; set; } = "17:00";
}

/// <summary>One holiday being edited; the date as the browser's date input gives it ("2026-12-25").</summary>
public sealed class HolidayRow
{
    public string Date { get; set; } = "";
    public string Name { get; set; } = "";
}
