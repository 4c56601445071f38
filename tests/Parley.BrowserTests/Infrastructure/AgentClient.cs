using System.Net;
using System.Net.Http.Json;
using Parley.Core.Conversations;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>An agent signed in with a cookie, acting through the REST API as the workspace does.</summary>
public sealed class AgentClient(HttpClient client, string name)
{
    public string Name { get; } = name;

    public async Task<MessageView> ReplyAsync(Guid conversationId, string text)
    {
        var response = await client.PostAsJsonAsync(
            $"/api/v1/conversations/{conversationId}/replies", new { text, clientId = "a-" + Guid.NewGuid().ToString("N") }, MessengerApp.Json);
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<MessageView>(MessengerApp.Json))!;
    }

    public async Task<ConversationDetail> GetConversationAsync(Guid conversationId)
    {
        var response = await client.GetAsync($"/api/v1/conversations/{conversationId}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ConversationDetail>(MessengerApp.Json))!;
    }

    /// <summary>Fails with the response body when the status is not the expected one.</summary>
    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
