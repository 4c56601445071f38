using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Core.Continuity;

namespace Parley.Bench.Continuity;

/// <summary>What one database's sweep cost, batch by batch, with nothing else running.</summary>
internal sealed record SweepCost(int Conversations, string Order, int Windows, int Batches, double MsPerWindow, double BatchP50, double BatchMax, string Plan)
{
    /// <summary>
    /// Sweeps <paramref name="warmup"/> windows unmeasured (the code and the caches warm), then
    /// <paramref name="windows"/> timed, each <see cref="ContinuitySweep.RunAsync"/> call one batch in a scope of
    /// its own as the worker makes them. The oldest windows go first, so these are the seed's oldest.
    /// </summary>
    public static async Task<SweepCost> MeasureAsync(IServiceProvider services, NpgsqlDataSource data, int conversations, string order, int warmup, int windows, CancellationToken ct)
    {
        for (var swept = 0; swept < warmup;)
        {
            swept += await BatchAsync(services, ct);
        }
        var batches = new List<double>();
        var total = Stopwatch.StartNew();
        for (var swept = 0; swept < windows;)
        {
            var start = Stopwatch.GetTimestamp();
            var n = await BatchAsync(services, ct);
            batches.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            swept += n > 0 ? n : throw new InvalidOperationException($"The sweep found only {swept} of {windows} due windows.");
        }
        var ms = total.Elapsed.TotalMilliseconds;
        var sorted = batches.Order().ToArray();
        return new SweepCost(conversations, order, windows, sorted.Length, ms / windows, sorted[sorted.Length / 2], sorted[^1], await PlanAsync(data, ct));
    }

    private static async Task<int> BatchAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContinuitySweep>().RunAsync(ct);
    }

    /// <summary>How PostgreSQL finds due windows, in the shape of the sweep's claim: the first line of the plan names the index.</summary>
    private static async Task<string> PlanAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        await using var command = data.CreateCommand("""
            EXPLAIN SELECT * FROM "Conversations" WHERE "ContinuityWindowStartedAt" IS NOT NULL AND "ContinuityWindowStartedAt" <= now() - interval '10 minutes'
            ORDER BY "ContinuityWindowStartedAt" LIMIT 200 FOR UPDATE SKIP LOCKED
            """);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0).Trim().TrimStart('-', '>', ' '));
        }
        return lines.FirstOrDefault(l => l.Contains("Index", StringComparison.Ordinal) || l.Contains("Scan", StringComparison.Ordinal)) ?? string.Join("; ", lines);
    }
}
