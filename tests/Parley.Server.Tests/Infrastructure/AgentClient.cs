using System.Net;
using System.Net.Http.Json;
using Parley.Core.Conversations;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>An agent (signed in with a cookie) or an integration (API token) using the REST API.</summary>
public sealed class AgentClient(HttpClient client, Guid id, string email)
{
    public HttpClient Client { get; } = client;
    public Guid Id { get; } = id;
    public string Email { get; } = email;

    public async Task<MessageView> ReplyAsync(Guid conversationId, string text, string? clientId = null, bool doNotEmail = false) =>
        await Expect.JsonAsync<MessageView>(await PostReplyAsync(conversationId, text, clientId, doNotEmail), HttpStatusCode.Created);

    public Task<HttpResponseMessage> PostReplyAsync(Guid conversationId, string? text, string? clientId = null, bool doNotEmail = false) =>
        Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/replies", new { text, clientId, doNotEmail }, ParleyApp.Json);

    public async Task<MessageView> NoteAsync(Guid conversationId, string text) =>
        await Expect.JsonAsync<MessageView>(
            await Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/notes", new { text }, ParleyApp.Json), HttpStatusCode.Created);

    public Task<HttpResponseMessage> PutAssigneeAsync(Guid conversationId, Guid? agentId) =>
        Client.PutAsJsonAsync($"/api/v1/conversations/{conversationId}/assignee", new { agentId }, ParleyApp.Json);

    public Task<HttpResponseMessage> PutStatusAsync(Guid conversationId, string status) =>
        Client.PutAsJsonAsync($"/api/v1/conversations/{conversationId}/status", new { status }, ParleyApp.Json);

    public async Task<ConversationSummary> ChangeStatusAsync(Guid conversationId, ConversationStatus status) =>
        await Expect.JsonAsync<ConversationSummary>(
            await PutStatusAsync(conversationId, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString())), HttpStatusCode.OK);

    public async Task<ConversationDetail> GetConversationAsync(Guid conversationId) =>
        await Expect.JsonAsync<ConversationDetail>(await Client.GetAsync($"/api/v1/conversations/{conversationId}"), HttpStatusCode.OK);

    public async Task<ConversationPage> ListAsync(string view, string? cursor = null, int? limit = null) =>
        await Expect.JsonAsync<ConversationPage>(await Client.GetAsync(
            $"/api/v1/conversations?view={view}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}{(limit is null ? "" : "&limit=" + limit)}"),
            HttpStatusCode.OK);

    /// <summary>Opens the agent event stream (every event, for agents and integrations).</summary>
    public Task<SseClient> OpenEventsAsync() => SseClient.OpenAsync(Client, "/api/v1/events", null);
}
