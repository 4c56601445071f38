using Microsoft.EntityFrameworkCore;
using Parley.Core.Data;

namespace Parley.Core.Triggers;

/// <summary>An active trigger with its conditions compiled, ready to test an event.</summary>
public sealed record CompiledTrigger(Trigger Trigger, IReadOnlyList<Func<TriggerFacts, bool>> Conditions, CostlyFacts Needs)
{
    /// <summary>A trigger without conditions matches every event it runs on.</summary>
    public bool Matches(TriggerFacts facts)
    {
        if (Conditions.Count == 0)
        {
            return true;
        }
        if (Trigger.Match == ConditionMatch.Any)
        {
            foreach (var test in Conditions)
            {
                if (test(facts))
                {
                    return true;
                }
            }
            return false;
        }
        foreach (var test in Conditions)
        {
            if (!test(facts))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>
/// The active triggers of each run event, in order, compiled once and kept in memory: every customer
/// message asks whether its event has triggers, so this must not cost a query. A change to any trigger
/// invalidates it (on every server, through the event bus), and it reloads itself after a minute anyway.
/// </summary>
public sealed class TriggerCatalog(TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private sealed record Snapshot(IReadOnlyDictionary<TriggerEvent, CompiledTrigger[]> ByEvent, DateTimeOffset LoadedAt);

    private Snapshot? _snapshot;
    private long _generation;

    /// <summary>The active triggers of <paramref name="runEvent"/>, in their order.</summary>
    public async ValueTask<IReadOnlyList<CompiledTrigger>> ActiveAsync(AppDbContext db, TriggerEvent runEvent, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || clock.GetUtcNow() - snapshot.LoadedAt > MaxAge)
        {
            snapshot = await LoadAsync(db, ct);
        }
        return snapshot.ByEvent.GetValueOrDefault(runEvent) ?? [];
    }

    /// <summary>Forgets what was loaded; the next question reads the triggers again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _snapshot, null);
    }

    private async Task<Snapshot> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var active = await db.Triggers.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Position).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        var snapshot = new Snapshot(
            active.GroupBy(t => t.RunOn).ToDictionary(g => g.Key, g => g.Select(Compile).ToArray()),
            clock.GetUtcNow());
        // A change that landed while this was loading may not be in it: use it for this question only.
        if (Interlocked.Read(ref _generation) == generation)
        {
            Volatile.Write(ref _snapshot, snapshot);
        }
        return snapshot;
    }

    public static CompiledTrigger Compile(Trigger t) => new(
        t,
        [.. t.Conditions.Select(ConditionCompiler.Compile)],
        t.Conditions.Aggregate(CostlyFacts.None, (needs, c) => needs | ConditionCompiler.Needs(c)));
}
