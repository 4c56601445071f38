using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Parley.Server.Auth;

namespace Parley.Server.Api;

/// <summary>A schedule as the API shows it: times as "HH:mm", dates as "yyyy-MM-dd", days as "monday".</summary>
public sealed record ScheduleResponse(
    Guid Id, string Name, string TimeZone, bool IsDefault, IReadOnlyList<IntervalInput> Intervals, IReadOnlyList<HolidayInput> Holidays,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ScheduleResponse From(BusinessSchedule s) => new(
        s.Id, s.Name, s.TimeZone, s.IsDefault,
        [.. s.Intervals.Select(i => new IntervalInput(i.Day.ToString().ToLowerInvariant(), Time(i.Start), Time(i.End)))],
        [.. s.Holidays.Select(h => new HolidayInput(h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.Name))],
        s.CreatedAt, s.UpdatedAt);

    private static string Time(TimeOnly t) => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The account's availability now: status from its agents, the default schedule's hours, the next opening.</summary>
public sealed record AvailabilityResponse(
    AccountStatus Status, bool WithinBusinessHours, bool Available, DateTimeOffset? NextOpening, string TimeZone, Guid? ScheduleId)
{
    public static AvailabilityResponse From(AvailabilityNow a) => new(a.Status, a.WithinBusinessHours, a.Available, a.NextOpening, a.TimeZone, a.ScheduleId);
}

/// <summary>Business hours schedules: every agent may read them, only admins change them.</summary>
public static class BusinessHoursApi
{
    public static IEndpointRouteBuilder MapBusinessHoursApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/availability", async (AccountAvailability availability, CancellationToken ct) =>
                AvailabilityResponse.From(await availability.NowAsync(ct)))
            .WithTags("Business hours").RequireAuthorization(AuthSetup.CanRead);

        var group = app.MapGroup("/api/v1/business-hours").WithTags("Business hours").RequireAuthorization(AuthSetup.CanRead);
        group.MapGet("", async (BusinessHoursService hours, CancellationToken ct) =>
            (await hours.ListAsync(ct)).Select(ScheduleResponse.From).ToList());
        group.MapGet("/{id:guid}", async (Guid id, BusinessHoursService hours, CancellationToken ct) =>
            ScheduleResponse.From(await hours.GetAsync(id, ct)));
        group.MapPost("", CreateAsync).RequireAuthorization(AuthSetup.IsAdmin);
        group.MapPut("/{id:guid}", async (Guid id, ScheduleInput input, BusinessHoursService hours, CancellationToken ct) =>
            ScheduleResponse.From(await hours.UpdateAsync(id, input, ct))).RequireAuthorization(AuthSetup.IsAdmin);
        group.MapPost("/{id:guid}/default", async (Guid id, BusinessHoursService hours, CancellationToken ct) =>
            ScheduleResponse.From(await hours.MakeDefaultAsync(id, ct))).RequireAuthorization(AuthSetup.IsAdmin);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AuthSetup.IsAdmin);
        return app;
    }

    private static async Task<Created<ScheduleResponse>> CreateAsync(ScheduleInput input, BusinessHoursService hours, CancellationToken ct)
    {
        var schedule = await hours.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/business-hours/{schedule.Id}", ScheduleResponse.From(schedule));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, BusinessHoursService hours, CancellationToken ct)
    {
        await hours.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
