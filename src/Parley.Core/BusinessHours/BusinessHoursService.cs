using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;

namespace Parley.Core.BusinessHours;

/// <summary>Listing, creating, changing and deleting schedules, and choosing the account's default one.</summary>
public sealed class BusinessHoursService(AppDbContext db, TimeProvider clock)
{
    /// <summary>Every schedule, the default first, then by name.</summary>
    public async Task<IReadOnlyList<BusinessSchedule>> ListAsync(CancellationToken ct) =>
        [.. (await db.BusinessSchedules.AsNoTracking().ToListAsync(ct))
            .OrderByDescending(s => s.IsDefault).ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.Id)];

    public async Task<BusinessSchedule> GetAsync(Guid id, CancellationToken ct) =>
        await db.BusinessSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound();

    /// <summary>Creates a schedule; the account's first one becomes its default.</summary>
    public async Task<BusinessSchedule> CreateAsync(ScheduleInput input, CancellationToken ct)
    {
        var valid = ScheduleRules.Validate(input);
        var existing = await db.BusinessSchedules.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        if (existing.Count >= BusinessSchedule.MaxSchedules)
        {
            throw ParleyProblem.Conflict("too-many-schedules", $"An account can keep at most {BusinessSchedule.MaxSchedules} schedules.");
        }
        EnsureUniqueName(valid.Name, existing.Select(s => s.Name));
        var now = clock.GetUtcNow();
        var schedule = new BusinessSchedule
        {
            Id = Guid.CreateVersion7(now),
            Name = valid.Name,
            TimeZone = valid.TimeZone,
            Intervals = valid.Intervals,
            Holidays = valid.Holidays,
            IsDefault = existing.Count == 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.BusinessSchedules.Add(schedule);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (schedule.IsDefault)
        {
            // Another admin's first schedule won the default at the same moment (the unique index said so).
            schedule.IsDefault = false;
            await db.SaveChangesAsync(ct);
        }
        return schedule;
    }

    /// <summary>Replaces a schedule's name, time zone, hours and holidays; nothing changes when any of them is invalid.</summary>
    public async Task<BusinessSchedule> UpdateAsync(Guid id, ScheduleInput input, CancellationToken ct)
    {
        var valid = ScheduleRules.Validate(input);
        var schedule = await db.BusinessSchedules.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound();
        EnsureUniqueName(valid.Name, await db.BusinessSchedules.AsNoTracking().Where(s => s.Id != id).Select(s => s.Name).ToListAsync(ct));
        schedule.Name = valid.Name;
        schedule.TimeZone = valid.TimeZone;
        schedule.Intervals = valid.Intervals;
        schedule.Holidays = valid.Holidays;
        schedule.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return schedule;
    }

    /// <summary>Makes a schedule the account's default (and so its time zone the account's).</summary>
    public async Task<BusinessSchedule> MakeDefaultAsync(Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var schedules = await db.BusinessSchedules.OrderBy(s => s.Id).ForUpdate().ToListAsync(ct);
        var chosen = schedules.FirstOrDefault(s => s.Id == id) ?? throw NotFound();
        if (!chosen.IsDefault)
        {
            // Two saves, old default off first: the unique index on the default is checked row by row.
            foreach (var other in schedules.Where(s => s.IsDefault))
            {
                other.IsDefault = false;
            }
            await db.SaveChangesAsync(ct);
            chosen.IsDefault = true;
            chosen.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return chosen;
    }

    /// <summary>Deletes a schedule. The default one goes only when it is the last; otherwise choose another default first.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var schedules = await db.BusinessSchedules.OrderBy(s => s.Id).ForUpdate().ToListAsync(ct);
        var schedule = schedules.FirstOrDefault(s => s.Id == id) ?? throw NotFound();
        if (schedule.IsDefault && schedules.Count > 1)
        {
            throw ParleyProblem.Conflict("default-schedule", "The default schedule cannot be deleted while there are others. Make another one the default first.");
        }
        db.BusinessSchedules.Remove(schedule);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static void EnsureUniqueName(string name, IEnumerable<string> others)
    {
        if (others.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw ParleyProblem.Invalid("name", "Another schedule already has this name.", "schedule-name-taken");
        }
    }

    private static ParleyProblem NotFound() => ParleyProblem.NotFound("schedule");
}
