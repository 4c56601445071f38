using System.Net;
using System.Net.Http.Json;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>An end user in the messenger, talking to the messenger API with their session token.</summary>
public sealed class Visitor(HttpClient client, string token, Guid endUserId)
{
    public HttpClient Client { get; } = client;
    public string Token { get; } = token;
    public Guid EndUserId { get; } = endUserId;

    public async Task<MessengerPosted> StartConversationAsync(string text = "Hello, I need help", string? clientId = null, string? pageUrl = null) =>
        await Expect.JsonAsync<MessengerPosted>(await PostStartAsync(text, clientId ?? NewClientId(), pageUrl), HttpStatusCode.Created);

    public Task<HttpResponseMessage> PostStartAsync(string? text, string? clientId, string? pageUrl = null) =>
        Client.PostAsJsonAsync("/messenger/v1/conversations", new { text, clientId, pageUrl }, ParleyApp.Json);

    /// <summary>Leaves an email address in the messenger's form.</summary>
    public async Task SetEmailAsync(string email) =>
        await Expect.StatusAsync(await Client.PutAsJsonAsync("/messenger/v1/profile/email", new { email }, ParleyApp.Json), HttpStatusCode.OK);

    public async Task<MessengerPosted> SendAsync(Guid conversationId, string text, string? clientId = null) =>
        await Expect.JsonAsync<MessengerPosted>(await PostMessageAsync(conversationId, text, clientId ?? NewClientId()), HttpStatusCode.Created);

    public Task<HttpResponseMessage> PostMessageAsync(Guid conversationId, string? text, string? clientId) =>
        Client.PostAsJsonAsync($"/messenger/v1/conversations/{conversationId}/messages", new { text, clientId }, ParleyApp.Json);

    /// <summary>Posts a body exactly as given to the conversation's messages.</summary>
    public Task<HttpResponseMessage> PostMessageBodyAsync(Guid conversationId, HttpContent body) =>
        Client.PostAsync($"/messenger/v1/conversations/{conversationId}/messages", body);

    public async Task<IReadOnlyList<MessengerMessage>> HistoryAsync(Guid conversationId, long after = 0) =>
        await Expect.JsonAsync<List<MessengerMessage>>(
            await Client.GetAsync($"/messenger/v1/conversations/{conversationId}/messages?after={after}"), HttpStatusCode.OK);

    /// <summary>GET a file of one of the visitor's conversations, as the messenger fetches it.</summary>
    public Task<HttpResponseMessage> DownloadAsync(Guid conversationId, Guid attachmentId, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/messenger/v1/conversations/{conversationId}/attachments/{attachmentId}");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return Client.SendAsync(request);
    }

    public async Task<ReadResponse> MarkReadAsync(Guid conversationId, long seq) =>
        await Expect.JsonAsync<ReadResponse>(
            await Client.PostAsJsonAsync($"/messenger/v1/conversations/{conversationId}/read", new { seq }, ParleyApp.Json), HttpStatusCode.OK);

    public Task<HttpResponseMessage> PostReadAsync(Guid conversationId, long seq) =>
        Client.PostAsJsonAsync($"/messenger/v1/conversations/{conversationId}/read", new { seq }, ParleyApp.Json);

    public async Task<MessengerConversation> GetConversationAsync(Guid conversationId) =>
        await Expect.JsonAsync<MessengerConversation>(await Client.GetAsync($"/messenger/v1/conversations/{conversationId}"), HttpStatusCode.OK);

    public async Task<IReadOnlyList<MessengerConversation>> ListConversationsAsync() =>
        await Expect.JsonAsync<List<MessengerConversation>>(await Client.GetAsync("/messenger/v1/conversations"), HttpStatusCode.OK);

    public Task<HttpResponseMessage> PostReadBodyAsync(Guid conversationId, HttpContent body) =>
        Client.PostAsync($"/messenger/v1/conversations/{conversationId}/read", body);

    public Task<HttpResponseMessage> GetConversationResponseAsync(Guid conversationId) =>
        Client.GetAsync($"/messenger/v1/conversations/{conversationId}");

    public Task<HttpResponseMessage> GetConversationResponseAsync(string reference) =>
        Client.GetAsync($"/messenger/v1/conversations/{reference}");

    /// <summary>GET the history with a raw query string, e.g. "after=5&amp;limit=10".</summary>
    public Task<HttpResponseMessage> GetHistoryResponseAsync(Guid conversationId, string query) =>
        Client.GetAsync($"/messenger/v1/conversations/{conversationId}/messages?{query}");

    public Task<HttpResponseMessage> ListConversationsResponseAsync() => Client.GetAsync("/messenger/v1/conversations");

    /// <summary>Ends the session (the messenger's log-out).</summary>
    public Task<HttpResponseMessage> EndSessionAsync() => Client.DeleteAsync("/messenger/v1/sessions/current");

    /// <summary>One request to every messenger endpoint of a conversation, as someone probing an id would send.</summary>
    public async Task<IReadOnlyList<(string Endpoint, HttpResponseMessage Response)>> ProbeConversationAsync(Guid conversationId, string clientId) =>
    [
        ("GET conversation", await GetConversationResponseAsync(conversationId)),
        ("GET messages", await GetHistoryResponseAsync(conversationId, "after=0")),
        ("POST message", await PostMessageAsync(conversationId, "Probing", clientId)),
        ("POST read", await PostReadAsync(conversationId, 1)),
        ("GET events", await RequestStreamAsync(conversationId)),
    ];

    /// <summary>Asks for the event stream as a browser's EventSource does, without reading it; for refusals.</summary>
    public Task<HttpResponseMessage> RequestStreamAsync(Guid conversationId, string? lastEventId = null) =>
        SseClient.RequestAsync(Client, $"/messenger/v1/conversations/{conversationId}/events", lastEventId);

    /// <summary>Opens the conversation's event stream, resuming after <paramref name="lastEventId"/> when given.</summary>
    public Task<SseClient> OpenStreamAsync(Guid conversationId, long? lastEventId = null) =>
        SseClient.OpenAsync(Client, $"/messenger/v1/conversations/{conversationId}/events", lastEventId?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string NewClientId() => "c-" + Guid.NewGuid().ToString("N");
}
