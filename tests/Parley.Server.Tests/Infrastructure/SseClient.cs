using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>One server-sent event as a browser's EventSource would see it.</summary>
public sealed record SseEvent(string? Id, string Type, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
    public T As<T>() => JsonSerializer.Deserialize<T>(Data, ParleyApp.Json)!;
}

/// <summary>Reads a text/event-stream response event by event, skipping pings and the opening "ready".</summary>
public sealed class SseClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _closed = new();
    private Task<string?>? _pendingLine;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseClient> OpenAsync(HttpClient client, string path, string? lastEventId)
    {
        var response = await RequestAsync(client, path, lastEventId);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync();
        return new SseClient(response, new StreamReader(stream, Encoding.UTF8));
    }

    /// <summary>Sends the request an EventSource sends, returning once the headers arrive.</summary>
    public static async Task<HttpResponseMessage> RequestAsync(HttpClient client, string path, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next event that is not a ping; fails the test if none arrives in time.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? wait = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        timeout.CancelAfter(wait ?? DefaultWait);
        while (true)
        {
            var e = await ReadEventAsync(timeout.Token)
                ?? throw new InvalidOperationException("The server closed the event stream.");
            if (e.Type is not ("ping" or "ready"))
            {
                return e;
            }
        }
    }

    /// <summary>Skips events until one matches.</summary>
    public async Task<SseEvent> NextMatchingAsync(Func<SseEvent, bool> match, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? DefaultWait);
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var e = await NextAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
            if (match(e))
            {
                return e;
            }
        }
    }

    /// <summary>True if no event other than pings arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan wait)
    {
        try
        {
            await NextAsync(wait);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private async Task<SseEvent?> ReadEventAsync(CancellationToken ct)
    {
        string? id = null, type = null;
        var data = new StringBuilder();
        while (true)
        {
            // A line read that timed out is kept and awaited again, so no bytes are lost between calls.
            _pendingLine ??= _reader.ReadLineAsync(CancellationToken.None).AsTask();
            var line = await _pendingLine.WaitAsync(ct);
            _pendingLine = null;
            if (line is null)
            {
                return null;
            }
            if (line.Length == 0)
            {
                if (type is null && data.Length == 0)
                {
                    continue;
                }
                return new SseEvent(id, type ?? "message", data.ToString());
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        _response.Dispose();
        _reader.Dispose();
        _closed.Dispose();
    }
}
