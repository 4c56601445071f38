using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Parley.Bench;

/// <summary>The few Parley HTTP calls the benchmark makes, over one pooled client to 127.0.0.1.</summary>
internal sealed class ParleyApi(string baseUrl) : IDisposable
{
    /// <summary>About 200 bytes, like the raw baseline's rows. Plain ASCII, so it goes into JSON as it is.</summary>
    public const string Text =
        "Hello! I ordered the blue jacket last week and the tracking page has not changed since Tuesday. " +
        "Could you check where the parcel is and whether it will arrive before the weekend? Thanks a lot, Sam.";

    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Signs the admin in and returns the session cookie ("parley.agent=...").</summary>
    public async Task<string> SignInAsync(string email, string password, CancellationToken ct)
    {
        using var response = await Http.PostAsync("/api/v1/auth/sign-in",
            Json(JsonSerializer.Serialize(new { email, password })), ct);
        await EnsureAsync(response, HttpStatusCode.OK, "sign-in", ct);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';', 2)[0]).FirstOrDefault(v => v.StartsWith("parley.agent=", StringComparison.Ordinal))
            : null;
        return cookie ?? throw new InvalidOperationException("Sign-in set no parley.agent cookie.");
    }

    /// <summary>An API token with read and write scopes; returns its secret.</summary>
    public async Task<string> CreateApiTokenAsync(string cookie, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-tokens")
        {
            Content = Json("""{"name":"benchmark","scopes":["read","write"]}"""),
        };
        request.Headers.Add("Cookie", cookie);
        using var response = await Http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.Created, "api-tokens", ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("secret").GetString()!;
    }

    /// <summary>A new anonymous messenger session; returns its token.</summary>
    public async Task<string> CreateSessionAsync(CancellationToken ct)
    {
        using var response = await Http.PostAsync("/messenger/v1/sessions", Json("{}"), ct);
        await EnsureAsync(response, HttpStatusCode.Created, "sessions", ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Starts a conversation with a first message; returns the conversation id.</summary>
    public async Task<Guid> StartConversationAsync(string session, string clientId, CancellationToken ct)
    {
        using var request = Post(session, "/messenger/v1/conversations", clientId);
        using var response = await Http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.Created, "start conversation", ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("conversation").GetProperty("id").GetGuid();
    }

    /// <summary>Sends one message; the status code is 201 when it was stored.</summary>
    public async Task<HttpStatusCode> SendAsync(string session, string path, string clientId, CancellationToken ct)
    {
        using var request = Post(session, path, clientId);
        using var response = await Http.SendAsync(request, ct);
        return response.StatusCode;
    }

    /// <summary>Any GET as this session; the status code only.</summary>
    public async Task<HttpStatusCode> GetAsync(string? session, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (session is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        }
        using var response = await Http.SendAsync(request, ct);
        return response.StatusCode;
    }

    /// <summary>Opens a server-sent event stream and returns it once its response headers arrived.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string bearer, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        try
        {
            await EnsureAsync(response, HttpStatusCode.OK, path, ct);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => Http.Dispose();

    private static HttpRequestMessage Post(string session, string path, string clientId)
    {
        // Client ids are letters, digits and '-', so the body needs no escaping.
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json($$"""{"text":"{{Text}}","clientId":"{{clientId}}"}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        return request;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        }
    }
}
