using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.BusinessHours;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.Accounts;

/// <summary>Whether the business can answer now, as end users are told and triggers test it (PRODUCT.md §6).</summary>
public enum AccountStatus
{
    /// <summary>At least one active agent with chat access is online.</summary>
    Online,
    /// <summary>Agents with chat access are signed in, but all away.</summary>
    Away,
    /// <summary>No agent with chat access is online or away.</summary>
    Offline,
}

/// <summary>The account's availability at one moment: its status, its default schedule's hours, and when it opens next.</summary>
public sealed record AvailabilityNow(
    AccountStatus Status, bool WithinBusinessHours, DateTimeOffset? NextOpening, string TimeZone, Guid? ScheduleId, string? ScheduleName)
{
    /// <summary>An agent is online and it is within business hours: an end user can expect an answer now.</summary>
    public bool Available => Status == AccountStatus.Online && WithinBusinessHours;
}

/// <summary>
/// The account's status, derived from its agents, and its business hours. Triggers and the messenger ask
/// here and nowhere else. Schedules are read once per instance (one request, one trigger run).
/// </summary>
public sealed class AccountAvailability(AppDbContext db, TimeProvider clock, IOptions<PresenceOptions> presence, IEventPublisher events)
{
    private readonly Dictionary<Guid, BusinessHoursCalendar> _calendars = [];
    private (bool Loaded, BusinessSchedule? Schedule) _default;

    /// <summary>
    /// Online when an active agent with chat access is online; Away when such agents are only away; else Offline.
    /// An agent not seen for the presence timeout (a tab closed without signing out) counts as Offline.
    /// </summary>
    public async Task<AccountStatus> StatusAsync(CancellationToken ct)
    {
        var seenSince = clock.GetUtcNow() - presence.Value.Timeout;
        var statuses = await db.Agents.AsNoTracking()
            .Where(a => a.IsActive && a.ChatAccess && a.Status != AgentStatus.Offline && a.LastSeenAt > seenSince)
            .Select(a => a.Status).Distinct().ToListAsync(ct);
        return statuses.Contains(AgentStatus.Online) ? AccountStatus.Online
            : statuses.Contains(AgentStatus.Away) ? AccountStatus.Away
            : AccountStatus.Offline;
    }

    /// <summary>
    /// Whether <paramref name="at"/> falls within the business hours of a schedule (the default one when
    /// <paramref name="scheduleId"/> is null). An account without schedules is always within business hours.
    /// An unknown schedule id is a not-found problem.
    /// </summary>
    public async Task<bool> IsWithinBusinessHoursAsync(Guid? scheduleId, DateTimeOffset at, CancellationToken ct) =>
        await CalendarAsync(scheduleId, ct) is not { } calendar || calendar.IsOpen(at);

    /// <summary>
    /// When the schedule (the default one when <paramref name="scheduleId"/> is null) is next open at or after
    /// <paramref name="at"/>; <paramref name="at"/> itself while open, null when it never opens. Without schedules, <paramref name="at"/>.
    /// </summary>
    public async Task<DateTimeOffset?> NextOpeningAsync(Guid? scheduleId, DateTimeOffset at, CancellationToken ct) =>
        await CalendarAsync(scheduleId, ct) is { } calendar ? calendar.NextOpening(at) : at;

    /// <summary>The account's time zone, in which triggers read the hour of day and the day of the week: the default schedule's, else UTC.</summary>
    public async Task<TimeZoneInfo> TimeZoneAsync(CancellationToken ct) =>
        await CalendarAsync(null, ct) is { } calendar ? calendar.Zone : TimeZoneInfo.Utc;

    /// <summary>Status, business hours and the next opening now, as the messenger and the admin center show them.</summary>
    public async Task<AvailabilityNow> NowAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var status = await StatusAsync(ct);
        var calendar = await CalendarAsync(null, ct);
        var open = calendar?.IsOpen(now) ?? true;
        var schedule = _default.Schedule;
        return new AvailabilityNow(status, open, open ? null : calendar!.NextOpening(now), calendar?.Zone.Id ?? TimeZoneInfo.Utc.Id,
            schedule?.Id, schedule?.Name);
    }

    /// <summary>
    /// Publishes account.status when the status differs from the one last announced. The stored value is
    /// swapped with a conditional update, so of several servers noticing the same change one announces it.
    /// Call after any change that may move the status (an agent's status, chat access, presence).
    /// </summary>
    public async Task AnnounceStatusAsync(CancellationToken ct)
    {
        var status = await StatusAsync(ct);
        var changed = await db.Settings.Where(s => s.Id == AccountSettings.SingletonId && s.AnnouncedStatus != status)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.AnnouncedStatus, status), ct);
        if (changed > 0)
        {
            events.Publish(new AccountStatusChanged(status));
        }
    }

    private async Task<BusinessHoursCalendar?> CalendarAsync(Guid? scheduleId, CancellationToken ct)
    {
        BusinessSchedule? schedule;
        if (scheduleId is { } id)
        {
            if (_calendars.TryGetValue(id, out var known))
            {
                return known;
            }
            schedule = await db.BusinessSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
                ?? throw ParleyProblem.NotFound("schedule");
        }
        else
        {
            if (!_default.Loaded)
            {
                _default = (true, await db.BusinessSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.IsDefault, ct));
            }
            schedule = _default.Schedule;
            if (schedule is null)
            {
                return null;
            }
        }
        if (!_calendars.TryGetValue(schedule.Id, out var calendar))
        {
            calendar = BusinessHoursCalendar.For(schedule);
            _calendars[schedule.Id] = calendar;
        }
        return calendar;
    }
}
