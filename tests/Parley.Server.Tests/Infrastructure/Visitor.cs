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

    public async Task<MessengerPosted> SendAsync(Guid conversationId, string text, string? clientId = null) =>
        await Expect.JsonAsync<MessengerPosted>(await PostMessageAsync(conversationId, text, clientId ?? NewClientId()), HttpStatusCode.Created);

    public Task<HttpResponseMessage> PostMessageAsync(Guid conversationId, string? text, string? clientId) =>
        Client.PostAsJsonAsync($"/messenger/v1/conversations/{conversationId}/messages", new { text, clientId }, ParleyApp.Json);

    public async Task<IReadOnlyList<MessengerMessage>> HistoryAsync(Guid conversationId, long after = 0) =>
        await Expect.JsonAsync<List<MessengerMessage>>(
            await Client.GetAsync($"/messenger/v1/conversations/{conversationId}/messages?after={after}"), HttpStatusCode.OK);

    public async Task<ReadResponse> MarkReadAsync(Guid conversationId, long seq) =>
        await Expect.JsonAsync<ReadResponse>(
            await Client.PostAsJsonAsync($"/messenger/v1/conversations/{conversationId}/read", new { seq }, ParleyApp.Json), HttpStatusCode.OK);

    /// <summary>Opens the conversation's event stream, resuming after <paramref name="lastEventId"/> when given.</summary>
    public Task<SseClient> OpenStreamAsync(Guid conversationId, long? lastEventId = null) =>
        SseClient.OpenAsync(Client, $"/messenger/v1/conversations/{conversationId}/events", lastEventId?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string NewClientId() => "c-" + Guid.NewGuid().ToString("N");
}
