using System.Net;
using Parley.Core.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Widget;

/// <summary>A session token reaches its own end user's conversations only; any other id is "not found".</summary>
public abstract class MessengerAccessTests(ParleyApp app)
{
    [Fact]
    public async Task Another_visitor_gets_404_for_a_conversation_id_on_every_messenger_endpoint_and_changes_nothing()
    {
        var alice = await app.NewVisitorAsync();
        var started = await alice.StartConversationAsync("Private matter", clientId: "alice-1");
        var id = started.Conversation.Id;
        var bob = await app.NewVisitorAsync();
        var before = await app.StoredConversationAsync(id);

        // A fresh client id, and Alice's own: guessing it must not hand back her message either.
        foreach (var clientId in new[] { Visitor.NewClientId(), "alice-1" })
        {
            foreach (var (endpoint, response) in await bob.ProbeConversationAsync(id, clientId))
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{endpoint} answered {(int)response.StatusCode}");
                await Expect.ProblemAsync(response, HttpStatusCode.NotFound, "conversation-not-found");
            }
        }

        Assert.DoesNotContain(await bob.ListConversationsAsync(), c => c.Id == id);
        Assert.Equal(before, await app.StoredConversationAsync(id));
        Assert.Equal(["Private matter"], (await alice.HistoryAsync(id)).Select(m => m.Text));
    }

    [Fact]
    public async Task Unknown_conversation_id_is_404_like_someone_elses()
    {
        var visitor = await app.NewVisitorAsync();
        var unknown = Guid.CreateVersion7();
        foreach (var (endpoint, response) in await visitor.ProbeConversationAsync(unknown, Visitor.NewClientId()))
        {
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{endpoint} answered {(int)response.StatusCode}");
            await Expect.ProblemAsync(response, HttpStatusCode.NotFound, "conversation-not-found");
        }
        await Expect.ProblemAsync(await visitor.GetConversationResponseAsync("not-a-guid"), HttpStatusCode.NotFound, "not-found");
        Assert.Empty(await app.StoredConversationIdsAsync(visitor.EndUserId));
    }

    [Fact]
    public async Task Requests_without_a_session_token_are_401_problems()
    {
        var owner = await app.NewVisitorAsync();
        var id = (await owner.StartConversationAsync()).Conversation.Id;
        var anonymous = app.VisitorWithToken(null);

        await Expect.ProblemAsync(await anonymous.ListConversationsResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await anonymous.PostStartAsync("hi", Visitor.NewClientId()), HttpStatusCode.Unauthorized, "unauthorized");
        foreach (var (endpoint, response) in await anonymous.ProbeConversationAsync(id, Visitor.NewClientId()))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint} answered {(int)response.StatusCode}");
            await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }
        Assert.Equal([1L], (await app.StoredConversationAsync(id)).MessageSeqs);
    }

    [Theory]
    [InlineData("ms_not-a-real-session-token")]
    [InlineData("garbage")]
    [InlineData("pat_not-a-real-api-token")]
    public async Task Requests_with_a_bad_token_are_401_problems(string token)
    {
        var visitor = app.VisitorWithToken(token);
        await Expect.ProblemAsync(await visitor.ListConversationsResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await visitor.PostStartAsync("hi", Visitor.NewClientId()), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Event_stream_accepts_the_session_token_as_access_token_query_because_event_source_cannot_set_headers()
    {
        var visitor = await app.NewVisitorAsync();
        var id = (await visitor.StartConversationAsync()).Conversation.Id;
        var anonymous = app.VisitorWithToken(null);
        var query = "access_token=" + Uri.EscapeDataString(visitor.Token);

        using (var stream = await SseClient.RequestAsync(anonymous.Client, $"/messenger/v1/conversations/{id}/events?{query}", null))
        {
            await Expect.StatusAsync(stream, HttpStatusCode.OK);
        }

        // The query token works for the stream only, not for the rest of the API.
        await Expect.ProblemAsync(await anonymous.GetConversationResponseAsync($"{id}?{query}"), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await anonymous.GetHistoryResponseAsync(id, query), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Agent_cookie_or_api_token_does_not_open_the_messenger_api()
    {
        var agent = await app.SignInNewAgentAsync();
        var integration = await app.ApiTokenClientAsync(ApiScopes.Read | ApiScopes.Write);
        await Expect.ProblemAsync(await new Visitor(agent.Client, "", Guid.Empty).ListConversationsResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await new Visitor(integration.Client, "", Guid.Empty).ListConversationsResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Session_token_does_not_open_the_agent_api()
    {
        var visitor = await app.NewVisitorAsync();
        var asAgent = new AgentClient(visitor.Client, Guid.Empty, "");
        await Expect.ProblemAsync(await asAgent.ListResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await asAgent.ListAgentsResponseAsync(), HttpStatusCode.Unauthorized, "unauthorized");
        await Expect.ProblemAsync(await asAgent.RequestEventsAsync(), HttpStatusCode.Unauthorized, "unauthorized");
    }
}

public sealed class MessengerAccessTests_Sqlite(SqliteApp app) : MessengerAccessTests(app), IClassFixture<SqliteApp>;

public sealed class MessengerAccessTests_Postgres(PostgresApp app) : MessengerAccessTests(app), IClassFixture<PostgresApp>;
