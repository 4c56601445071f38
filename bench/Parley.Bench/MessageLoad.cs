using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Parley.Bench;

/// <summary>When each message was sent (by client id) and when the agent stream received it.</summary>
internal sealed class MessageLog
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Entry Start(string clientId, long started)
    {
        var entry = new Entry(started);
        _entries[clientId] = entry;
        return entry;
    }

    public void Delivered(string clientId, long at)
    {
        if (_entries.TryGetValue(clientId, out var entry))
        {
            Interlocked.CompareExchange(ref entry.Received, at, 0);
        }
    }

    public sealed class Entry(long started)
    {
        public long Started { get; } = started;
        public bool Stored;
        public long Received;
    }

    public IEnumerable<Entry> Entries => _entries.Values;
}

/// <summary>
/// The agent side: GET /api/v1/events with an API token, reading every message.created event and noting
/// when it arrived. The client id is found with a forward-only JSON reader, to keep the reader cheap.
/// </summary>
internal sealed class AgentStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private int _disposed;

    private AgentStream(HttpResponseMessage response) => _response = response;

    /// <summary>Where arrivals are noted; null between runs.</summary>
    public MessageLog? Log { get; set; }

    public static async Task<AgentStream> OpenAsync(ParleyApi api, string token, CancellationToken ct)
    {
        var response = await api.OpenStreamAsync(token, "/api/v1/events", ct);
        var stream = new AgentStream(response);
        var body = await response.Content.ReadAsStreamAsync(ct);
        stream._reading = Task.Run(() => stream.ReadAsync(body));
        await stream._ready.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return stream;
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            var parser = SseParser.Create(body, (type, data) => type switch
            {
                "message.created" => new Arrival(ClientIdOf(data), Stopwatch.GetTimestamp()),
                _ => new Arrival(null, 0),
            });
            await foreach (var item in parser.EnumerateAsync(_stop.Token))
            {
                if (item.EventType == "ready")
                {
                    _ready.TrySetResult();
                }
                else if (item.Data.ClientId is { } clientId)
                {
                    Log?.Delivered(clientId, item.Data.At);
                }
            }
            _ready.TrySetException(new InvalidOperationException("The agent event stream ended."));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            _ready.TrySetException(e);
        }
    }

    /// <summary>data.message.clientId of a message.created event.</summary>
    private static string? ClientIdOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var inMessage = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.CurrentDepth == 1)
                {
                    inMessage = reader.ValueTextEquals("message"u8);
                }
                else if (inMessage && reader.CurrentDepth == 2 && reader.ValueTextEquals("clientId"u8))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The reader is abandoned; the process is moving on.
        }
        _stop.Dispose();
    }

    private readonly record struct Arrival(string? ClientId, long At);
}

/// <summary>The figures of one message run.</summary>
internal sealed record MessageRun(
    string Label, int Visitors, double Seconds, double StoredPerSecond, double DeliveredPerSecond, long Failed,
    Percentiles Delivery, Percentiles Response, long Undelivered, CpuShare Cpu);

/// <summary>Visitors send messages over HTTP in a closed loop; the agent stream receives them.</summary>
internal static class MessageLoad
{
    public static async Task<IReadOnlyList<Visitor>> CreateVisitorsAsync(ParleyApi api, int count, string prefix, CancellationToken ct)
    {
        var visitors = new Visitor[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            var session = await api.CreateSessionAsync(token);
            var conversation = await api.StartConversationAsync(session, $"{prefix}-{i}-start", token);
            visitors[i] = new Visitor(i, session, conversation);
        });
        return visitors;
    }

    public static async Task<MessageRun> RunAsync(
        string label, ParleyApi api, AgentStream agent, IReadOnlyList<Visitor> visitors,
        TimeSpan warmup, TimeSpan measured, CpuWindowFactory cpu, CancellationToken ct)
    {
        var log = new MessageLog();
        agent.Log = log;
        var prefix = "m" + Guid.NewGuid().ToString("N")[..6];
        var window = await ClosedLoop.RunAsync(visitors, warmup, measured, async (v, n, started, token) =>
        {
            var clientId = $"{prefix}-{v.Index}-{n}";
            var entry = log.Start(clientId, started);
            var status = await api.SendAsync(v.Session, v.MessagesPath, clientId, token);
            entry.Stored = status == HttpStatusCode.Created;
            return entry.Stored;
        }, cpu, ct);

        // Let the last messages arrive (bounded), then compare.
        var inWindow = log.Entries.Where(e => e.Stored && window.Contains(e.Started)).ToList();
        for (var i = 0; i < 50 && inWindow.Any(e => Volatile.Read(ref e.Received) == 0); i++)
        {
            await Task.Delay(100, ct);
        }
        agent.Log = null;

        var delivered = log.Entries.Count(e => window.Contains(Volatile.Read(ref e.Received)));
        return new MessageRun(
            label, visitors.Count, window.Seconds,
            window.OkPerSecond,
            delivered / window.Seconds,
            window.Failed,
            Percentiles.Of(inWindow.Where(e => e.Received != 0).Select(e => ClosedLoop.Ms(e.Received - e.Started))),
            window.ResponseTimes,
            inWindow.Count(e => e.Received == 0),
            window.Cpu);
    }
}
