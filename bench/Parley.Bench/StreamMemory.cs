using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Parley.Bench;

/// <summary>The server's resident memory before and with the messenger event streams open.</summary>
internal sealed record MemoryRun(
    int Streams, double CreateSeconds, double OpenSeconds, long RssBeforeKb, long RssWithStreamsKb, long RssAfterCloseKb,
    long? ServerCountedOpen, long? HeapBeforeKb, long? HeapWithStreamsKb)
{
    public double PerStreamKb => Streams == 0 ? 0 : (RssWithStreamsKb - RssBeforeKb) / (double)Streams;
}

/// <summary>
/// Opens N messenger event streams (GET /messenger/v1/conversations/{id}/events), each for its own
/// session and conversation as N visitors with the messenger open would, waits until every one has
/// received its "ready" event, and reads the server's VmRSS.
/// </summary>
internal static class StreamMemory
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<MemoryRun> RunAsync(ParleyApi api, ParleyServer server, int count, CancellationToken ct)
    {
        // Each stream is a connection: a file descriptor here and one in the server.
        if (ProcStat.OpenFilesLimit() is { } limit && limit < count + 1000)
        {
            throw new InvalidOperationException(
                $"{count} streams need more open files than the limit of {limit}: raise it (ulimit -n {count + 2000}) or use fewer --streams.");
        }
        var clock = Stopwatch.StartNew();
        var targets = new (string Session, Guid Conversation)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            var session = await api.CreateSessionAsync(token);
            targets[i] = (session, await api.StartConversationAsync(session, $"s-{i}", token));
        });
        var createSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count} sessions and conversations created in {createSeconds:F1} s"));

        await Task.Delay(Settle, ct);
        var before = server.RssKb();
        var heapBefore = await ManagedHeapKbAsync(api, ct);

        var streams = new HttpResponseMessage?[count];
        clock.Restart();
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct }, async (i, token) =>
            {
                var response = await api.OpenStreamAsync(targets[i].Session, $"/messenger/v1/conversations/{targets[i].Conversation}/events", token);
                streams[i] = response;
                await WaitForReadyAsync(await response.Content.ReadAsStreamAsync(token), token);
            });
            var openSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count} event streams open (each sent \"ready\") in {openSeconds:F1} s"));
            await Task.Delay(Settle, ct);
            var with = server.RssKb();
            var heapWith = await ManagedHeapKbAsync(api, ct);
            var counted = await MetricAsync(api, "parley_streams_open", "stream=\"messenger\"", ct);

            foreach (var s in streams)
            {
                s?.Dispose();
            }
            Array.Clear(streams);
            await Task.Delay(Settle, ct);
            return new MemoryRun(count, createSeconds, openSeconds, before, with, server.RssKb(), (long?)counted, heapBefore, heapWith);
        }
        finally
        {
            foreach (var s in streams)
            {
                s?.Dispose();
            }
        }
    }

    private static async Task WaitForReadyAsync(Stream body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var buffer = new byte[512];
        var seen = new StringBuilder();
        while (seen.Length < 4096)
        {
            var read = await body.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                throw new InvalidOperationException("A messenger event stream ended before \"ready\".");
            }
            seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (seen.ToString().Contains("event: ready", StringComparison.Ordinal))
            {
                return;
            }
        }
        throw new InvalidOperationException("A messenger event stream sent no \"ready\" event.");
    }

    /// <summary>The managed heap after the server's last garbage collection, summed over generations (from /metrics).</summary>
    private static async Task<long?> ManagedHeapKbAsync(ParleyApi api, CancellationToken ct)
    {
        double? sum = null;
        foreach (var generation in new[] { "gen0", "gen1", "gen2", "loh", "poh" })
        {
            if (await MetricAsync(api, "dotnet_gc_last_collection_heap_size_bytes", $"gc_heap_generation=\"{generation}\"", ct) is { } bytes)
            {
                sum = (sum ?? 0) + bytes;
            }
        }
        return sum is { } total ? (long)(total / 1024) : null;
    }

    /// <summary>One value from the server's Prometheus endpoint, e.g. parley.streams.open, if exported.</summary>
    private static async Task<double?> MetricAsync(ParleyApi api, string name, string label, CancellationToken ct)
    {
        try
        {
            var text = await api.Http.GetStringAsync("/metrics", ct);
            var line = text.Split('\n').FirstOrDefault(l =>
                l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
            // name{labels} value [timestamp]
            var value = line?[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            return value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
