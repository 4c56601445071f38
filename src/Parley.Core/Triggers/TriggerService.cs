using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;
using Parley.Core.Events;

namespace Parley.Core.Triggers;

/// <summary>A trigger as the admin center and the API show it.</summary>
public sealed record TriggerView(
    Guid Id, string Name, string Description, int Position, bool IsActive, TriggerEvent RunOn, ConditionMatch Match,
    IReadOnlyList<TriggerCondition> Conditions, IReadOnlyList<TriggerAction> Actions, string? DefaultKey, DateTimeOffset UpdatedAt, Guid Version)
{
    public static TriggerView From(Trigger t) => new(
        t.Id, t.Name, t.Description, t.Position, t.IsActive, t.RunOn, t.Match, t.Conditions, t.Actions, t.DefaultKey, t.UpdatedAt, t.Version);
}

/// <summary>
/// The admin's side of triggers: list, create, edit, order, activate, clone, delete. Every change is checked
/// by <see cref="TriggerRules"/> first, and afterwards every server's <see cref="TriggerCatalog"/> forgets
/// what it had loaded.
/// </summary>
public sealed class TriggerService(AppDbContext db, TriggerCatalog catalog, IEventPublisher events, TimeProvider clock)
{
    public const int MaxTriggers = 200;

    /// <summary>Every trigger in the order they run (within each run event).</summary>
    public async Task<IReadOnlyList<TriggerView>> ListAsync(CancellationToken ct) =>
        [.. (await db.Triggers.AsNoTracking().OrderBy(t => t.Position).ThenBy(t => t.CreatedAt).ToListAsync(ct)).Select(TriggerView.From)];

    public async Task<TriggerView> GetAsync(Guid id, CancellationToken ct) => TriggerView.From(await FindAsync(id, ct, tracked: false));

    public async Task<TriggerView> CreateAsync(TriggerDefinition definition, CancellationToken ct)
    {
        var (name, description, conditions, actions) = TriggerRules.Check(definition);
        if (await db.Triggers.CountAsync(ct) >= MaxTriggers)
        {
            throw ParleyProblem.Conflict("too-many-triggers", $"An account can have at most {MaxTriggers} triggers.");
        }
        var now = clock.GetUtcNow();
        var trigger = new Trigger
        {
            Id = Guid.CreateVersion7(now), Name = name, Description = description, RunOn = definition.RunOn, Match = definition.Match,
            Conditions = conditions, Actions = actions, IsActive = definition.IsActive,
            Position = (await db.Triggers.MaxAsync(t => (int?)t.Position, ct) ?? -1) + 1,
            CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid(),
        };
        db.Triggers.Add(trigger);
        await db.SaveChangesAsync(ct);
        Changed();
        return TriggerView.From(trigger);
    }

    /// <summary>Replaces a trigger's definition; <paramref name="version"/> (when given) refuses an edit made from a stale copy.</summary>
    public Task<TriggerView> UpdateAsync(Guid id, TriggerDefinition definition, Guid? version, CancellationToken ct)
    {
        var (name, description, conditions, actions) = TriggerRules.Check(definition);
        return ChangeAsync(id, version, t =>
        {
            (t.Name, t.Description, t.RunOn, t.Match, t.Conditions, t.Actions, t.IsActive) =
                (name, description, definition.RunOn, definition.Match, conditions, actions, definition.IsActive);
        }, ct);
    }

    public Task<TriggerView> SetActiveAsync(Guid id, bool active, CancellationToken ct) => ChangeAsync(id, null, t => t.IsActive = active, ct);

    /// <summary>Moves a trigger to <paramref name="index"/> in the order (0 first); the others close up.</summary>
    public async Task<IReadOnlyList<TriggerView>> MoveAsync(Guid id, int index, CancellationToken ct)
    {
        var all = await db.Triggers.OrderBy(t => t.Position).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        var moving = all.FirstOrDefault(t => t.Id == id) ?? throw ParleyProblem.NotFound("trigger");
        if (index < 0 || index >= all.Count)
        {
            throw ParleyProblem.Invalid("index", $"The position must be between 0 and {all.Count - 1}.");
        }
        all.Remove(moving);
        all.Insert(index, moving);
        var now = clock.GetUtcNow();
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Position != i)
            {
                all[i].Position = i;
                all[i].UpdatedAt = now;
                all[i].Version = Guid.NewGuid();
            }
        }
        await db.SaveChangesAsync(ct);
        Changed();
        return [.. all.Select(TriggerView.From)];
    }

    /// <summary>A copy right after the original, inactive, named "Copy of …".</summary>
    public async Task<TriggerView> CloneAsync(Guid id, CancellationToken ct)
    {
        var original = await FindAsync(id, ct, tracked: false);
        var name = "Copy of " + original.Name;
        var copy = await CreateAsync(new TriggerDefinition(
            name.Length > TriggerRules.MaxNameLength ? name[..TriggerRules.MaxNameLength] : name,
            original.Description, original.RunOn, original.Match, original.Conditions, original.Actions, IsActive: false), ct);
        var order = (await ListAsync(ct)).Select(t => t.Id).ToList();
        await MoveAsync(copy.Id, order.IndexOf(id) + 1, ct);
        return await GetAsync(copy.Id, ct);
    }

    /// <summary>Deletes a trigger; a run of it that is waiting ends without doing the rest.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var trigger = await FindAsync(id, ct, tracked: true);
        db.Triggers.Remove(trigger);
        await db.SaveChangesAsync(ct);
        Changed();
    }

    private async Task<TriggerView> ChangeAsync(Guid id, Guid? version, Action<Trigger> change, CancellationToken ct)
    {
        var trigger = await FindAsync(id, ct, tracked: true);
        if (version is { } expected && expected != trigger.Version)
        {
            throw ParleyProblem.Conflict("trigger-changed", "Someone else changed this trigger meanwhile; reload it and try again.");
        }
        change(trigger);
        trigger.UpdatedAt = clock.GetUtcNow();
        trigger.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ParleyProblem.Conflict("trigger-changed", "Someone else changed this trigger meanwhile; reload it and try again.");
        }
        Changed();
        return TriggerView.From(trigger);
    }

    private async Task<Trigger> FindAsync(Guid id, CancellationToken ct, bool tracked)
    {
        var query = tracked ? db.Triggers : db.Triggers.AsNoTracking();
        return await query.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw ParleyProblem.NotFound("trigger");
    }

    private void Changed()
    {
        catalog.Invalidate();
        events.Publish(new TriggersChanged());
    }
}
