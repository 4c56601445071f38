using System.Net;
using System.Text.Json;
using Parley.Core.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Bad input to the REST API gets a clear problem response and changes nothing.</summary>
public abstract class ApiBadInputTests(ParleyApp app)
{
    private const int MaxMessageLength = 10_000;
    private const int MaxRequestBodyBytes = 256 * 1024;

    private async Task<(AgentClient Agent, Guid Id, StoredConversation Before)> ConversationAsync()
    {
        var agent = await app.SignInNewAgentAsync();
        var id = (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;
        await agent.ReplyAsync(id, "Existing reply");
        return (agent, id, await app.StoredConversationAsync(id));
    }

    private static void AssertErrorOn(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
            $"Expected a validation error on \"{field}\": {problem}");

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n ")]
    [InlineData(null)]
    public async Task Reply_or_note_without_text_is_a_validation_problem_and_changes_nothing(string? text)
    {
        var (agent, id, before) = await ConversationAsync();
        AssertErrorOn(await Expect.ProblemAsync(await agent.PostReplyAsync(id, text), HttpStatusCode.BadRequest, "validation"), "text");
        var noteBody = RawBody.Json(JsonSerializer.Serialize(new { text }));
        AssertErrorOn(await Expect.ProblemAsync(await agent.SendBodyAsync(HttpMethod.Post, id, "notes", noteBody), HttpStatusCode.BadRequest, "validation"), "text");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Reply_over_the_length_limit_is_a_validation_problem_and_changes_nothing()
    {
        var (agent, id, before) = await ConversationAsync();
        AssertErrorOn(await Expect.ProblemAsync(
            await agent.PostReplyAsync(id, new string('r', MaxMessageLength + 1)), HttpStatusCode.BadRequest, "validation"), "text");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Fact]
    public async Task Body_over_the_request_limit_is_a_413_problem_and_changes_nothing()
    {
        var (agent, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await agent.SendBodyAsync(HttpMethod.Post, id, "replies", RawBody.LargerThan(MaxRequestBodyBytes)),
            HttpStatusCode.RequestEntityTooLarge, "too-large");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("replies", "{\"text\": \"hi\"")]
    [InlineData("replies", "{\"text\": 12}")]
    [InlineData("replies", "{\"text\": \"hi\", \"doNotEmail\": \"sometimes\"}")]
    [InlineData("notes", "[1, 2, 3]")]
    [InlineData("replies", "")]
    public async Task Malformed_or_wrongly_typed_message_json_is_a_malformed_request_problem_and_changes_nothing(string endpoint, string body)
    {
        var (agent, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await agent.SendBodyAsync(HttpMethod.Post, id, endpoint, RawBody.Json(body)), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("{\"status\": \"bogus\"}")]
    [InlineData("{\"status\": 4}")]
    [InlineData("{\"status\": null}")]
    [InlineData("{\"status\": [\"solved\"]}")]
    public async Task Bad_status_value_is_a_malformed_request_problem_and_changes_nothing(string body)
    {
        var (agent, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await agent.SendBodyAsync(HttpMethod.Put, id, "status", RawBody.Json(body)), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("{\"agentId\": \"not-a-guid\"}")]
    [InlineData("{\"agentId\": 7}")]
    [InlineData("{}")]
    public async Task Bad_assignee_value_is_a_malformed_request_problem_and_changes_nothing(string body)
    {
        var (agent, id, before) = await ConversationAsync();
        await Expect.ProblemAsync(await agent.SendBodyAsync(HttpMethod.Put, id, "assignee", RawBody.Json(body)), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("slash/inside")]
    public async Task Bad_client_id_is_a_validation_problem_and_changes_nothing(string clientId)
    {
        var (agent, id, before) = await ConversationAsync();
        AssertErrorOn(await Expect.ProblemAsync(await agent.PostReplyAsync(id, "Hello", clientId), HttpStatusCode.BadRequest, "validation"), "clientId");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }

    [Theory]
    [InlineData("019a0000-0000-7000-8000-000000000000")]
    [InlineData("999999999")]
    [InlineData("not-an-id")]
    public async Task Unknown_conversation_is_404_on_every_endpoint(string reference)
    {
        var agent = await app.SignInNewAgentAsync();
        foreach (var (endpoint, response) in await agent.ProbeConversationAsync(reference))
        {
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{endpoint} answered {(int)response.StatusCode}");
            await Expect.ProblemAsync(response, HttpStatusCode.NotFound, "conversation-not-found");
        }
    }

    [Theory]
    [InlineData("view=everything")]
    [InlineData("view=1")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=bm90X2FfZ3VpZA==")]
    public async Task Bad_list_parameters_are_validation_problems(string query)
    {
        var agent = await app.SignInNewAgentAsync();
        await Expect.ProblemAsync(await agent.ListResponseAsync(query), HttpStatusCode.BadRequest, "validation");
    }

    [Theory]
    [InlineData("limit=many")]
    [InlineData("limit=99999999999")]
    public async Task List_parameters_of_the_wrong_type_are_malformed_request_problems(string query)
    {
        var agent = await app.SignInNewAgentAsync();
        await Expect.ProblemAsync(await agent.ListResponseAsync(query), HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_are_problems()
    {
        var agent = await app.SignInNewAgentAsync();
        await Expect.ProblemAsync(await agent.Client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound, "not-found");
        await Expect.ProblemAsync(await agent.Client.DeleteAsync("/api/v1/settings"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task Agent_status_must_be_given_and_known()
    {
        var agent = await app.SignInNewAgentAsync();
        await Expect.ProblemAsync(await agent.PutMyStatusBodyAsync(RawBody.Json("{}")), HttpStatusCode.BadRequest, "malformed-request");
        await Expect.ProblemAsync(await agent.PutMyStatusBodyAsync(RawBody.Json("{\"status\":\"asleep\"}")), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(AgentStatus.Offline, (await agent.ListAgentsAsync()).Single(a => a.Id == agent.Id).Status);

        var online = await Expect.JsonAsync<AgentView>(await agent.PutMyStatusBodyAsync(RawBody.Json("{\"status\":\"online\"}")), HttpStatusCode.OK);
        Assert.Equal(AgentStatus.Online, online.Status);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"state\": \"solved\"}")]
    public async Task Status_body_without_a_status_is_a_malformed_request_problem_and_changes_nothing(string body)
    {
        var agent = await app.SignInNewAgentAsync();
        var id = (await (await app.NewVisitorAsync()).StartConversationAsync()).Conversation.Id;
        var before = await app.StoredConversationAsync(id);
        await Expect.ProblemAsync(await agent.SendBodyAsync(HttpMethod.Put, id, "status", RawBody.Json(body)), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(before, await app.StoredConversationAsync(id));
    }
}

public sealed class ApiBadInputTests_Sqlite(SqliteApp app) : ApiBadInputTests(app), IClassFixture<SqliteApp>;

public sealed class ApiBadInputTests_Postgres(PostgresApp app) : ApiBadInputTests(app), IClassFixture<PostgresApp>;
