using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Parley.Core.Events;

namespace Parley.Server.Realtime;

/// <summary>Turns a replay from the database plus a live subscription into one server-sent event stream.</summary>
public static class EventStream
{
    /// <summary>Sent when nothing else was, so proxies keep the connection open and dead clients are noticed.</summary>
    public static readonly SseItem<string> Ping = new("", "ping");

    /// <summary>
    /// Sent first, so the response starts at once (a client knows it is connected before any event) and
    /// tells EventSource how soon to reconnect after a drop.
    /// </summary>
    public static readonly SseItem<string> Ready = new("{}", "ready") { ReconnectionInterval = TimeSpan.FromSeconds(2) };

    public static async IAsyncEnumerable<SseItem<string>> RunAsync(
        EventSubscription subscription,
        IEnumerable<SseItem<string>> replay,
        Func<ParleyEvent, SseItem<string>?> map,
        TimeProvider clock,
        TimeSpan heartbeat,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var _ = subscription;
        yield return Ready;
        foreach (var item in replay)
        {
            yield return item;
        }
        var reader = subscription.Reader;
        Task<bool>? waiting = null;
        while (!ct.IsCancellationRequested)
        {
            while (reader.TryRead(out var e))
            {
                if (map(e) is { } item)
                {
                    yield return item;
                }
            }
            waiting ??= reader.WaitToReadAsync(ct).AsTask();
            if (!waiting.IsCompleted)
            {
                using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(heartbeat, clock, delayCancel.Token);
                var first = await Task.WhenAny(waiting, delay);
                if (first == delay)
                {
                    if (ct.IsCancellationRequested)
                    {
                        yield break;
                    }
                    yield return Ping;
                    continue;
                }
                await delayCancel.CancelAsync();
            }
            bool more;
            try
            {
                more = await waiting;
            }
            catch (Exception e) when (e is OperationCanceledException or OverflowException)
            {
                yield break;
            }
            waiting = null;
            if (!more)
            {
                yield break;
            }
        }
    }

    /// <summary>The position a reconnecting client gives in Last-Event-ID (or ?lastEventId= where headers cannot be set).</summary>
    public static long? LastEventId(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        return long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq)
            ? seq
            : throw Parley.Core.ParleyProblem.Invalid("Last-Event-ID", "Last-Event-ID must be a message sequence number.");
    }
}
