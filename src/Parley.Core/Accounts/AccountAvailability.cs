using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;

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

/// <summary>
/// The account's status, derived from its agents, and its business hours. Triggers and the messenger ask
/// here and nowhere else.
/// </summary>
public sealed class AccountAvailability(AppDbContext db)
{
    /// <summary>Online when an active agent with chat access is online; Away when such agents are only away; else Offline.</summary>
    public async Task<AccountStatus> StatusAsync(CancellationToken ct)
    {
        var statuses = await db.Agents.AsNoTracking()
            .Where(a => a.IsActive && a.ChatAccess && a.Status != AgentStatus.Offline)
            .Select(a => a.Status).Distinct().ToListAsync(ct);
        return statuses.Contains(AgentStatus.Online) ? AccountStatus.Online
            : statuses.Contains(AgentStatus.Away) ? AccountStatus.Away
            : AccountStatus.Offline;
    }

    /// <summary>
    /// Whether <paramref name="at"/> falls within the business hours of a schedule (the default one when
    /// <paramref name="scheduleId"/> is null). An account without schedules is always within business hours.
    /// </summary>
    public Task<bool> IsWithinBusinessHoursAsync(Guid? scheduleId, DateTimeOffset at, CancellationToken ct) => Task.FromResult(true);

    /// <summary>The account's time zone, in which triggers read the hour of day and the day of the week.</summary>
    public Task<TimeZoneInfo> TimeZoneAsync(CancellationToken ct) => Task.FromResult(TimeZoneInfo.Utc);
}
