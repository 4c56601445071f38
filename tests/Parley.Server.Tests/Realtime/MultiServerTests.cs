using System.Net;
using System.Net.Http.Json;
using Parley.Core.Events;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Widget;

namespace Parley.Server.Tests.Realtime;

/// <summary>
/// Several Parley servers behind a load balancer (PostgreSQL and Redis, which is what running more than
/// one server needs): an event on one server reaches live streams on the others, and a sign-in on one
/// is valid on the others.
/// </summary>
public sealed class MultiServerTests(TwoServers servers) : IClassFixture<TwoServers>
{
    [Fact]
    public async Task Agent_reply_on_one_server_streams_to_visitor_connected_to_another()
    {
        var visitor = await servers.A.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Hello from server A");
        await using var stream = await visitor.OpenStreamAsync(started.Conversation.Id, lastEventId: 1);

        var agent = await servers.B.SignInNewAgentAsync();
        await agent.ReplyAsync(started.Conversation.Id, "Answered on server B");

        var reply = await stream.NextMatchingAsync(e => e.Type == "message");
        Assert.Equal("2", reply.Id);
        Assert.Equal("Answered on server B", reply.As<MessengerMessage>().Text);
    }

    [Fact]
    public async Task Visitor_message_on_one_server_reaches_agent_stream_on_another()
    {
        var agent = await servers.B.SignInNewAgentAsync();
        await using var events = await agent.OpenEventsAsync();

        var visitor = await servers.A.NewVisitorAsync();
        var started = await visitor.StartConversationAsync("Is anyone there?");

        var seen = await events.NextMatchingAsync(e =>
            e.Type == "message.created" && e.As<MessageCreated>().Message.ConversationId == started.Conversation.Id);
        Assert.Equal("Is anyone there?", seen.As<MessageCreated>().Message.Text);
    }

    [Fact]
    public async Task Sign_in_cookie_from_one_server_is_accepted_by_another()
    {
        var agent = await servers.A.SignInNewAgentAsync();
        using var onA = servers.A.Anonymous();
        var signIn = await onA.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = agent.Email, password = ParleyApp.TestPassword });
        await Expect.StatusAsync(signIn, HttpStatusCode.OK);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("parley.agent=", StringComparison.Ordinal)).Split(';')[0];

        using var onB = servers.B.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", cookie);
        var response = await onB.SendAsync(request);

        var me = await Expect.JsonAsync<System.Text.Json.JsonElement>(response, HttpStatusCode.OK);
        Assert.Equal(agent.Id, me.GetProperty("id").GetGuid());
    }
}
