using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Triggers;
using Parley.Server.Auth;

namespace Parley.Server.Api;

/// <summary>A trigger to create or replace; <see cref="Version"/> (from a read) refuses an edit over someone else's.</summary>
public sealed record TriggerRequest(
    string? Name, string? Description, [property: JsonRequired] TriggerEvent RunOn, ConditionMatch Match,
    IReadOnlyList<TriggerCondition>? Conditions, IReadOnlyList<TriggerAction>? Actions, bool IsActive = false, Guid? Version = null)
{
    public TriggerDefinition ToDefinition() => new(Name, Description, RunOn, Match, Conditions, Actions, IsActive);
}

public sealed record ActiveRequest([property: JsonRequired] bool Active);

public sealed record MoveRequest([property: JsonRequired] int Index);

/// <summary>Messaging triggers: anyone with read access sees them, admins change them.</summary>
public static class TriggersApi
{
    public static IEndpointRouteBuilder MapTriggersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/triggers").WithTags("Triggers").RequireAuthorization(AuthSetup.CanRead);
        group.MapGet("", (TriggerService triggers, CancellationToken ct) => triggers.ListAsync(ct));
        group.MapGet("/{id:guid}", (Guid id, TriggerService triggers, CancellationToken ct) => triggers.GetAsync(id, ct));
        var admin = group.MapGroup("").RequireAuthorization(AuthSetup.IsAdmin);
        admin.MapPost("", CreateAsync);
        admin.MapPut("/{id:guid}", (Guid id, TriggerRequest request, TriggerService triggers, CancellationToken ct) =>
            triggers.UpdateAsync(id, request.ToDefinition(), request.Version, ct));
        admin.MapPut("/{id:guid}/active", (Guid id, ActiveRequest request, TriggerService triggers, CancellationToken ct) =>
            triggers.SetActiveAsync(id, request.Active, ct));
        admin.MapPut("/{id:guid}/position", (Guid id, MoveRequest request, TriggerService triggers, CancellationToken ct) =>
            triggers.MoveAsync(id, request.Index, ct));
        admin.MapPost("/{id:guid}/clone", CloneAsync);
        admin.MapDelete("/{id:guid}", DeleteAsync);
        return app;
    }

    private static async Task<Created<TriggerView>> CreateAsync(TriggerRequest request, TriggerService triggers, CancellationToken ct)
    {
        var trigger = await triggers.CreateAsync(request.ToDefinition(), ct);
        return TypedResults.Created($"/api/v1/triggers/{trigger.Id}", trigger);
    }

    private static async Task<Created<TriggerView>> CloneAsync(Guid id, TriggerService triggers, CancellationToken ct)
    {
        var copy = await triggers.CloneAsync(id, ct);
        return TypedResults.Created($"/api/v1/triggers/{copy.Id}", copy);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, TriggerService triggers, CancellationToken ct)
    {
        await triggers.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
