using System.Diagnostics;

namespace Parley.Bench;

/// <summary>A visitor of the load: a messenger session with one conversation.</summary>
internal sealed record Visitor(int Index, string Session, Guid ConversationId)
{
    public string MessagesPath { get; } = $"/messenger/v1/conversations/{ConversationId}/messages";
    public string ConversationPath { get; } = $"/messenger/v1/conversations/{ConversationId}";
}

/// <summary>One request: when it started and ended (Stopwatch timestamps) and whether it succeeded.</summary>
internal readonly record struct Sample(long Started, long Ended, bool Ok);

/// <summary>
/// Closed-loop load: each visitor sends its next request as soon as the previous one is answered, for a
/// fixed time and at most <see cref="MaxPerVisitor"/> requests. The first part of the time is warm-up.
/// </summary>
internal static class ClosedLoop
{
    public const int MaxPerVisitor = 2_000_000;

    public delegate Task<bool> Request(Visitor visitor, long n, long started, CancellationToken ct);

    public static async Task<Window> RunAsync(
        IReadOnlyList<Visitor> visitors, TimeSpan warmup, TimeSpan measured, Request request, CpuWindowFactory cpu, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var window = new Window(start + Ticks(warmup), start + Ticks(warmup + measured));
        var end = window.End;
        var errors = 0L;
        var cpuTask = MeasureCpuAsync(cpu, warmup, measured, ct);
        var loops = visitors.Select(v => Task.Run(async () =>
        {
            var samples = new List<Sample>(4096);
            for (long n = 0; n < MaxPerVisitor && Stopwatch.GetTimestamp() < end; n++)
            {
                ct.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await request(v, n, started, ct);
                }
                catch (Exception e) when (e is HttpRequestException or System.Data.Common.DbException)
                {
                    ok = false;
                }
                samples.Add(new Sample(started, Stopwatch.GetTimestamp(), ok));
                if (!ok && Interlocked.Increment(ref errors) % 100 == 1)
                {
                    // Do not spin on a failing server.
                    await Task.Delay(10, ct);
                }
            }
            return samples;
        }, ct)).ToList();
        var all = await Task.WhenAll(loops);
        window.Samples = [.. all.SelectMany(s => s)];
        window.Cpu = await cpuTask;
        return window;
    }

    public static long Ticks(TimeSpan t) => (long)(t.TotalSeconds * Stopwatch.Frequency);

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static async Task<CpuShare> MeasureCpuAsync(CpuWindowFactory cpu, TimeSpan warmup, TimeSpan measured, CancellationToken ct)
    {
        await Task.Delay(warmup, ct);
        var window = cpu();
        await Task.Delay(measured, ct);
        return window.Stop();
    }
}

internal delegate CpuWindow CpuWindowFactory();

/// <summary>The measured part of a run: timestamps from <see cref="Start"/> (inclusive) to <see cref="End"/>.</summary>
internal sealed class Window(long start, long end)
{
    public long Start { get; } = start;
    public long End { get; } = end;
    public double Seconds => (End - Start) / (double)Stopwatch.Frequency;
    public IReadOnlyList<Sample> Samples { get; set; } = [];
    public CpuShare Cpu { get; set; } = new(0, 0, 0, 0);

    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;

    /// <summary>Successful requests answered inside the window, per second.</summary>
    public double OkPerSecond => Samples.Count(s => s.Ok && Contains(s.Ended)) / Seconds;

    public long Failed => Samples.Count(s => !s.Ok && Contains(s.Ended));

    /// <summary>Response times of the successful requests that started inside the window.</summary>
    public Percentiles ResponseTimes => Percentiles.Of(Samples.Where(s => s.Ok && Contains(s.Started)).Select(s => Ms(s.Ended - s.Started)));

    private static double Ms(long ticks) => ClosedLoop.Ms(ticks);
}

/// <summary>Latency figures in milliseconds.</summary>
internal sealed record Percentiles(int Count, double P50, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN);
        }
        Array.Sort(sorted);
        return new Percentiles(sorted.Length, At(sorted, 0.50), At(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
