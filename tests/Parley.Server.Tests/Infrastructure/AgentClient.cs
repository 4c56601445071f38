using System.Net;
using System.Net.Http.Json;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Server.Api;

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

    /// <summary>Sends a body exactly as given to one of the conversation's endpoints (replies, notes, assignee, status).</summary>
    public Task<HttpResponseMessage> SendBodyAsync(HttpMethod method, Guid conversationId, string endpoint, HttpContent body) =>
        Client.SendAsync(new HttpRequestMessage(method, $"/api/v1/conversations/{conversationId}/{endpoint}") { Content = body });

    /// <summary>A reply ("replies") or note ("notes") as multipart/form-data, with files.</summary>
    public Task<HttpResponseMessage> PostWithFilesAsync(
        Guid conversationId, string endpoint, string? text, IEnumerable<TestFile> files, string? clientId = null, string? doNotEmail = null,
        Action<HttpRequestMessage>? adjust = null)
    {
        var form = TestFile.Form(files, ("text", text), ("clientId", clientId), ("doNotEmail", doNotEmail));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{conversationId}/{endpoint}") { Content = form };
        adjust?.Invoke(request);
        return Client.SendAsync(request);
    }

    public async Task<MessageView> ReplyWithFilesAsync(Guid conversationId, string? text, params TestFile[] files) =>
        await Expect.JsonAsync<MessageView>(await PostWithFilesAsync(conversationId, "replies", text, files, Visitor.NewClientId()), HttpStatusCode.Created);

    public async Task<MessageView> NoteWithFilesAsync(Guid conversationId, string? text, params TestFile[] files) =>
        await Expect.JsonAsync<MessageView>(await PostWithFilesAsync(conversationId, "notes", text, files, Visitor.NewClientId()), HttpStatusCode.Created);

    /// <summary>GET /api/v1/attachments/{id}, optionally revalidating a copy with this ETag.</summary>
    public Task<HttpResponseMessage> DownloadAsync(Guid attachmentId, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{attachmentId}");
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return Client.SendAsync(request);
    }

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

    /// <summary>Every item of a view, following the cursor page by page.</summary>
    public async Task<IReadOnlyList<ConversationListItem>> ListAllAsync(string view, int limit = 100)
    {
        var items = new List<ConversationListItem>();
        string? cursor = null;
        for (var page = 0; page < 1000; page++)
        {
            var result = await ListAsync(view, cursor, limit);
            Assert.True(result.Items.Count <= limit);
            items.AddRange(result.Items);
            if (result.NextCursor is null)
            {
                return items;
            }
            cursor = result.NextCursor;
        }
        throw new InvalidOperationException("The view's cursor never ended.");
    }

    /// <summary>The ids of one view's conversations, limited to the given ones (other tests share the database).</summary>
    public async Task<IReadOnlyList<Guid>> ViewIdsAsync(string view, IEnumerable<Guid> among) =>
        [.. (await ListAllAsync(view)).Select(i => i.Conversation.Id).Where(among.Contains)];

    public async Task<IReadOnlyList<MessageView>> MessagesAsync(Guid conversationId, long after = 0) =>
        await Expect.JsonAsync<List<MessageView>>(
            await Client.GetAsync($"/api/v1/conversations/{conversationId}/messages?after={after}"), HttpStatusCode.OK);

    public Task<HttpResponseMessage> GetConversationResponseAsync(string reference) => Client.GetAsync($"/api/v1/conversations/{reference}");

    /// <summary>GET the conversation list with a raw query string, e.g. "view=open&amp;limit=2".</summary>
    public Task<HttpResponseMessage> ListResponseAsync(string query = "") => Client.GetAsync($"/api/v1/conversations?{query}");

    /// <summary>One request to every endpoint of a conversation (by id or number), as someone probing a reference would send.</summary>
    public async Task<IReadOnlyList<(string Endpoint, HttpResponseMessage Response)>> ProbeConversationAsync(string reference)
    {
        var path = $"/api/v1/conversations/{reference}";
        return
        [
            ("GET conversation", await Client.GetAsync(path)),
            ("GET messages", await Client.GetAsync(path + "/messages")),
            ("POST reply", await Client.PostAsJsonAsync(path + "/replies", new { text = "Probing" }, ParleyApp.Json)),
            ("POST note", await Client.PostAsJsonAsync(path + "/notes", new { text = "Probing" }, ParleyApp.Json)),
            ("PUT assignee", await Client.PutAsJsonAsync(path + "/assignee", new { agentId = Id }, ParleyApp.Json)),
            ("PUT status", await Client.PutAsJsonAsync(path + "/status", new { status = "solved" }, ParleyApp.Json)),
        ];
    }

    public Task<HttpResponseMessage> GetMeAsync() => Client.GetAsync("/api/v1/me");

    /// <summary>PUT /api/v1/me/status with a body exactly as given.</summary>
    public Task<HttpResponseMessage> PutMyStatusBodyAsync(HttpContent body) => Client.PutAsync("/api/v1/me/status", body);

    public Task<HttpResponseMessage> SignOutAsync() => Client.PostAsync("/api/v1/auth/sign-out", null);

    public async Task<SettingsResponse> GetSettingsAsync() =>
        await Expect.JsonAsync<SettingsResponse>(await Client.GetAsync("/api/v1/settings"), HttpStatusCode.OK);

    /// <summary>PATCH /api/v1/settings with the given fields (admins only).</summary>
    public Task<HttpResponseMessage> PatchSettingsAsync(object changes) =>
        Client.PatchAsJsonAsync("/api/v1/settings", changes, ParleyApp.Json);

    /// <summary>POST /api/v1/agents (admins only).</summary>
    public Task<HttpResponseMessage> PostAgentAsync(string name, string email, AgentRole role = AgentRole.Agent) =>
        Client.PostAsJsonAsync("/api/v1/agents", new { name, email, password = ParleyApp.TestPassword, role, chatAccess = true }, ParleyApp.Json);

    /// <summary>PATCH /api/v1/settings with a body exactly as given.</summary>
    public Task<HttpResponseMessage> PatchSettingsBodyAsync(HttpContent body) => Client.PatchAsync("/api/v1/settings", body);

    public Task<HttpResponseMessage> ListAgentsResponseAsync() => Client.GetAsync("/api/v1/agents");

    public async Task<IReadOnlyList<AgentView>> ListAgentsAsync() =>
        await Expect.JsonAsync<List<AgentView>>(await ListAgentsResponseAsync(), HttpStatusCode.OK);

    /// <summary>PATCH /api/v1/agents/{id} (admins only): role, chat access, active.</summary>
    public Task<HttpResponseMessage> PatchAgentAsync(Guid agentId, object changes) =>
        Client.PatchAsJsonAsync($"/api/v1/agents/{agentId}", changes, ParleyApp.Json);

    public async Task<AgentView> UpdateAgentAsync(Guid agentId, object changes) =>
        await Expect.JsonAsync<AgentView>(await PatchAgentAsync(agentId, changes), HttpStatusCode.OK);

    /// <summary>POST /api/v1/api-tokens (admins only); the token acts for <paramref name="agentId"/>, or for the caller.</summary>
    public Task<HttpResponseMessage> PostApiTokenAsync(string name, string[] scopes, Guid? agentId = null) =>
        Client.PostAsJsonAsync("/api/v1/api-tokens", new { name, scopes, agentId }, ParleyApp.Json);

    public async Task<CreatedApiToken> CreateApiTokenAsync(string name, string[] scopes, Guid? agentId = null) =>
        await Expect.JsonAsync<CreatedApiToken>(await PostApiTokenAsync(name, scopes, agentId), HttpStatusCode.Created);

    public Task<HttpResponseMessage> ListApiTokensResponseAsync() => Client.GetAsync("/api/v1/api-tokens");

    public Task<HttpResponseMessage> DeleteApiTokenAsync(Guid tokenId) => Client.DeleteAsync($"/api/v1/api-tokens/{tokenId}");

    public async Task RevokeApiTokenAsync(Guid tokenId) =>
        await Expect.StatusAsync(await DeleteApiTokenAsync(tokenId), HttpStatusCode.NoContent);

    /// <summary>Asks for the agent event stream without reading it; for refusals.</summary>
    public Task<HttpResponseMessage> RequestEventsAsync() => SseClient.RequestAsync(Client, "/api/v1/events", null);

    /// <summary>Opens the agent event stream (every event, for agents and integrations).</summary>
    public Task<SseClient> OpenEventsAsync() => SseClient.OpenAsync(Client, "/api/v1/events", null);
}
